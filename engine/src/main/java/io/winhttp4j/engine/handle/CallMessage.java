package io.winhttp4j.engine.handle;

/** A command that carries an API call waiting for its answer. */
interface CallMessage {
    Call call();
}
