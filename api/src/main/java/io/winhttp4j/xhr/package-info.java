/**
 * The IXMLHTTPRequest2 flavour of the API, obtained from
 * {@link io.winhttp4j.WinHttp#createXmlHttpRequest2()}.
 */
package io.winhttp4j.xhr;
