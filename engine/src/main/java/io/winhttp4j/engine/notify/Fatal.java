package io.winhttp4j.engine.notify;

/**
 * The one rule for a Throwable caught where user code (a callback) or a bug (a handle actor) threw:
 * it is logged and the engine goes on, unless the JVM itself is failing. A StackOverflowError is
 * not such a failure: the stack has unwound by the time it is caught.
 */
public final class Fatal {
    private Fatal() {}

    /** True for the throwables that must go on: every VirtualMachineError but StackOverflowError. */
    public static boolean is(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }
}
