package io.winhttp4j.xhr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winhttp4j.WinHttpError;
import org.junit.jupiter.api.Test;

class HResultTest {

    @Test
    void fromWin32() {
        assertEquals(0x80072EE2, HResult.fromWin32(12002));
        assertEquals(0x80072EE2, HResult.fromWin32(WinHttpError.ERROR_WINHTTP_TIMEOUT.code()));
        assertEquals(HResult.E_INVALIDARG, HResult.fromWin32(WinHttpError.ERROR_INVALID_PARAMETER.code()));
        assertEquals(HResult.S_OK, HResult.fromWin32(0));
        assertEquals(HResult.E_FAIL, HResult.fromWin32(HResult.E_FAIL));
    }

    @Test
    void constants() {
        assertEquals(0x80004005, HResult.E_FAIL);
        assertEquals(0x8000FFFF, HResult.E_UNEXPECTED);
        assertEquals(0x8000000A, HResult.E_PENDING);
        assertEquals(0x80004004, HResult.E_ABORT);
        assertEquals(0x80004001, HResult.E_NOTIMPL);
        assertTrue(HResult.failed(HResult.E_ABORT));
        assertTrue(HResult.succeeded(HResult.S_OK));
    }

    @Test
    void exception() {
        XmlHttpRequestException e = new XmlHttpRequestException(HResult.E_UNEXPECTED, "send before open");
        assertEquals(HResult.E_UNEXPECTED, e.hresult());
        assertEquals("E_UNEXPECTED (0x8000FFFF): send before open", e.getMessage());
        assertEquals("0x80072EE2", new XmlHttpRequestException(0x80072EE2).getMessage());
    }

    @Test
    void xhrPropertyValues() {
        assertEquals(0, XhrProperty.XHR_PROP_NO_CRED_PROMPT);
        assertEquals(11, XhrProperty.XHR_PROP_MAX_CONNECTIONS);
        assertEquals(0x100, XhrProperty.XHR_CERT_IGNORE_UNKNOWN_CA);
        assertEquals(XhrProperty.XHR_CERT_IGNORE_REVOCATION_FAILED | XhrProperty.XHR_CERT_IGNORE_UNKNOWN_CA
                        | XhrProperty.XHR_CERT_IGNORE_CERT_CN_INVALID | XhrProperty.XHR_CERT_IGNORE_CERT_DATE_INVALID,
                XhrProperty.XHR_CERT_IGNORE_ALL_SERVER_ERRORS);
        assertEquals(-1L, XhrProperty.XHR_PROP_ONDATA_NEVER);
    }
}
