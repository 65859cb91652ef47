/**
 * The public WinHTTP API of winhttp4j: {@link io.winhttp4j.WinHttp} and the types and constants
 * it uses. Plain Java with no dependencies, so applications can compile against it without
 * pulling in the engine's runtime.
 */
package io.winhttp4j;
