/**
 * The engine's public face: {@link io.winhttp4j.engine.WinHttpEngine}, which implements
 * {@link io.winhttp4j.WinHttp} on Pekko typed actors (one actor per handle), and
 * {@link io.winhttp4j.engine.ActorSubscriber}, which delivers a handle's notifications to an
 * actor instead of a callback. The engine's other packages are internal.
 */
package io.winhttp4j.engine;
