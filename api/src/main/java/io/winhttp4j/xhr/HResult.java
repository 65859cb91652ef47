package io.winhttp4j.xhr;

/**
 * The COM result codes the {@link XmlHttpRequest2} API reports, as {@code int}s with their
 * Windows bit patterns (so failures are negative), and the {@code HRESULT_FROM_WIN32} mapping
 * that turns a WinHTTP error into one.
 */
public final class HResult {

    private HResult() {
    }

    /** {@code S_OK}: Success. */
    public static final int S_OK         = 0;
    /** {@code E_NOTIMPL}: The method is not implemented. */
    public static final int E_NOTIMPL    = 0x80004001;
    /** {@code E_ABORT}: The request was cancelled by {@code abort()}. */
    public static final int E_ABORT      = 0x80004004;
    /** {@code E_FAIL}: Unspecified failure. */
    public static final int E_FAIL       = 0x80004005;
    /** {@code E_PENDING}: What was asked for is not there yet, for example headers before the response. */
    public static final int E_PENDING    = 0x8000000A;
    /** {@code E_UNEXPECTED}: The call does not fit the request's current state, for example a second {@code send}. */
    public static final int E_UNEXPECTED = 0x8000FFFF;
    /** {@code E_INVALIDARG}: An argument is invalid. */
    public static final int E_INVALIDARG = 0x80070057;

    /** {@code FACILITY_WIN32} (7) with the severity bit set: the high half of a mapped Win32 error. */
    private static final int WIN32_FAILURE_BASE = 0x80070000;

    /**
     * The {@code HRESULT_FROM_WIN32} macro: zero and values that already look like HRESULTs
     * pass through; a positive Win32 code gets the Win32 facility and the failure bit.
     *
     * @param error a Win32 error code, for example 12002 ({@code ERROR_WINHTTP_TIMEOUT})
     * @return the HRESULT, for example {@code 0x80072EE2}
     */
    public static int fromWin32(int error) {
        return error <= 0 ? error : (WIN32_FAILURE_BASE | (error & 0xFFFF));
    }

    /**
     * @param hresult any HRESULT
     * @return true when its severity bit is clear ({@code SUCCEEDED})
     */
    public static boolean succeeded(int hresult) {
        return hresult >= 0;
    }

    /**
     * @param hresult any HRESULT
     * @return true when its severity bit is set ({@code FAILED})
     */
    public static boolean failed(int hresult) {
        return hresult < 0;
    }

    /**
     * Formats an HRESULT for messages: the name when it is one of the constants above, then the
     * value in hex, for example {@code "E_INVALIDARG (0x80070057)"}.
     *
     * @param hresult any HRESULT
     * @return a readable form
     */
    public static String toString(int hresult) {
        String hex = String.format("0x%08X", hresult);
        String name = switch (hresult) {
            case S_OK -> "S_OK";
            case E_NOTIMPL -> "E_NOTIMPL";
            case E_ABORT -> "E_ABORT";
            case E_FAIL -> "E_FAIL";
            case E_PENDING -> "E_PENDING";
            case E_UNEXPECTED -> "E_UNEXPECTED";
            case E_INVALIDARG -> "E_INVALIDARG";
            default -> null;
        };
        return name == null ? hex : name + " (" + hex + ")";
    }
}
