package io.winhttp4j.engine.xhr;

/** A user name and password from open(), for one authentication target. */
record Credentials(String user, String password) {

    /** Null when there is no user name: then there is nothing to answer a challenge with. */
    static Credentials of(String user, String password) {
        return user == null ? null : new Credentials(user, password == null ? "" : password);
    }
}
