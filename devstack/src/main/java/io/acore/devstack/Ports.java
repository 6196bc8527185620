package io.acore.devstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free local TCP ports, for tests that must not collide with anything already running. */
public final class Ports {
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final Set<Integer> given = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port nothing listens on, below the range the system takes outgoing connections' local ports from (32768 and
     * up on Linux): a port from that range, free when picked, can be taken by any client connection before the
     * service that was given it binds it. Never the same port twice in one run.
     */
    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = LOWEST + ThreadLocalRandom.current().nextInt(HIGHEST - LOWEST);
            if (!inUse(port) && given.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
