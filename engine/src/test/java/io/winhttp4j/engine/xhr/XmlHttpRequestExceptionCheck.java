package io.winhttp4j.engine.xhr;

import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequestException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class XmlHttpRequestExceptionCheck {
    private XmlHttpRequestExceptionCheck() {}

    /** The call throws an XmlHttpRequestException with exactly this HRESULT, and nothing else. */
    static void assertHResult(int hresult, Executable call) {
        XmlHttpRequestException e = assertThrows(XmlHttpRequestException.class, call);
        assertEquals(HResult.toString(hresult), HResult.toString(e.hresult()), e.getMessage());
    }
}
