package io.busbar.services.soap;

/** Rethrows a declared WSDL fault from a lambda without wrapping it. */
public final class Sneaky {

    private Sneaky() {
    }

    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException rethrow(Throwable e) throws E {
        throw (E) e;
    }
}
