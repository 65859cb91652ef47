package io.winhttp4j.xhr;

/**
 * Thrown by an {@link XmlHttpRequest2} method where the COM method would return a failure
 * HRESULT, for example {@link HResult#E_UNEXPECTED} for a second {@code send}.
 *
 * <p>Unchecked, like {@link io.winhttp4j.WinHttpException}; the stack trace is kept for
 * debugging.
 */
public class XmlHttpRequestException extends RuntimeException {

    /** Version of the serialized form. */
    private static final long serialVersionUID = 1L;

    /** The failure HRESULT the call reports. */
    private final int hresult;

    /**
     * @param hresult the failure HRESULT the COM method would return
     */
    public XmlHttpRequestException(int hresult) {
        this(hresult, null);
    }

    /**
     * @param hresult the failure HRESULT the COM method would return
     * @param detail  extra context for the message, or {@code null}
     */
    public XmlHttpRequestException(int hresult, String detail) {
        super(detail == null || detail.isEmpty()
                ? HResult.toString(hresult)
                : HResult.toString(hresult) + ": " + detail);
        this.hresult = hresult;
    }

    /**
     * @return the HRESULT, with Windows' bit pattern
     */
    public int hresult() {
        return hresult;
    }
}
