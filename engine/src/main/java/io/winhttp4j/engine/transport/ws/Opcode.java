package io.winhttp4j.engine.transport.ws;

/** Frame opcodes (RFC 6455 5.2); every other value is reserved and fails the connection. */
final class Opcode {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** The longest control frame payload (RFC 6455 5.5): 125 bytes, so its length fits the 7-bit form. */
    static final int MAX_CONTROL_PAYLOAD = 125;

    private Opcode() {}

    /** Control frames have the high bit of the opcode set (RFC 6455 5.5). */
    static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    static boolean isKnown(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }
}
