package io.winhttp4j.engine.http;

/**
 * A user name and password for one scheme and target, or the "default credentials" (both null)
 * that NTLM, Negotiate and Passport accept.
 *
 * <p>Credentials never appear in logs, exception messages or {@code toString}: this type's
 * {@code toString} names neither part, and no message of the authentication code quotes a user
 * name, a password or a header value derived from them.
 */
record Credentials(String user, String password) {
    static final Credentials DEFAULT = new Credentials(null, null);

    boolean isDefault() {
        return user == null;
    }

    @Override
    public String toString() {
        return isDefault() ? "Credentials[default]" : "Credentials[user and password hidden]";
    }
}
