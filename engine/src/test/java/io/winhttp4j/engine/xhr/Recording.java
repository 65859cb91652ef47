package io.winhttp4j.engine.xhr;

import io.winhttp4j.HInternet;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttp;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real engine behind a {@link WinHttp} that notes every call the XHR makes (not a mock: each
 * call goes through), so a test can see which options a property became, that every handle the
 * XHR opened was closed, and which notifications reached the XHR when.
 */
final class Recording {
    record Call(String method, List<Object> args) {
        Object arg(int i) {
            return args.get(i);
        }
    }

    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    final Set<HInternet> open = ConcurrentHashMap.newKeySet();
    /** How many notifications of each WINHTTP_CALLBACK_STATUS_* the engine has delivered to the XHR. */
    final Map<Integer, AtomicInteger> delivered = new ConcurrentHashMap<>();
    final WinHttp winHttp;

    Recording(WinHttp engine) {
        this.winHttp = (WinHttp) Proxy.newProxyInstance(WinHttp.class.getClassLoader(), new Class<?>[] {WinHttp.class},
                (proxy, m, args) -> call(engine, m, args));
    }

    private Object call(WinHttp engine, Method m, Object[] args) throws Throwable {
        if (m.getName().equals("setStatusCallback") && args[1] instanceof StatusCallback cb) {
            args[1] = (StatusCallback) n -> {
                delivered.computeIfAbsent(n.status(), k -> new AtomicInteger()).incrementAndGet();
                cb.onStatus(n);
            };
        }
        List<Object> list = args == null ? List.of() : Arrays.asList(args.clone());
        calls.add(new Call(m.getName(), list));
        Object result;
        try {
            result = m.invoke(engine, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof HInternet h) open.add(h);
        if (m.getName().equals("closeHandle")) open.remove((HInternet) args[0]);
        return result;
    }

    List<Call> named(String method) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.method().equals(method)).toList();
        }
    }

    int delivered(int status) {
        AtomicInteger n = delivered.get(status);
        return n == null ? 0 : n.get();
    }

    /** setOption calls for {@code option}: their values. */
    List<Object> optionValues(int option) {
        return named("setOption").stream().filter(c -> (Integer) c.arg(1) == option).map(c -> c.arg(2)).toList();
    }
}
