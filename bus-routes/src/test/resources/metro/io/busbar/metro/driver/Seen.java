package io.busbar.metro.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the driver saw, by name, in JDK types only: the test that runs the driver lives in another class loader and
 * asserts on these values.
 */
final class Seen {

    final Map<String, Object> values = new LinkedHashMap<>();
    /** "service operation SOAP-version account response|fault", one per exchange, in order. */
    final List<String> exchanges = new ArrayList<>();

    void put(String key, Object value) {
        if (values.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("seen twice: " + key);
        }
    }

    /** A call that must end in a fault. */
    interface Call {
        void run() throws Exception;
    }

    /**
     * Runs a call expected to fail with a declared fault and notes "faultType/detailCode"; a call that succeeds is
     * noted as "no fault", so the test's assertion on it fails.
     */
    void fault(String key, Call call, FaultReader reader) {
        try {
            call.run();
            put(key, "no fault");
        } catch (Exception e) {
            String read = reader.read(e);
            put(key, read != null ? read : "undeclared " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /** Reads a generated fault class of one service as "faultType/detailCode", or null if it is not one. */
    interface FaultReader {
        String read(Exception e);
    }
}
