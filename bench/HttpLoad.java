import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator of bench/core.sh for the hub's doors (JDK only: {@code java bench/HttpLoad.java ...}).
 *
 * <pre>
 *   max  URL USER:PASSWORD|- CONTENT-TYPE BODY-FILE CONNECTIONS SECONDS   closed loop: each connection sends, waits, sends
 *   rate URL USER:PASSWORD CONTENT-TYPE BODY-FILE RATE SECONDS          open loop: RATE requests/s on a fixed schedule
 * </pre>
 *
 * The body file is a template: {@code {n}} becomes the request's number (unique per run with {@code {run}}, a random
 * token), {@code {nonce}} a fresh random nonce and {@code {created}} the current instant and {@code {expires}} five minutes later (for WS-Security
 * UsernameTokens). In rate mode a request's latency counts from the moment the schedule meant to send it, not from
 * when it was sent, so a hub that falls behind shows it in the tail (no coordinated omission). Prints one line:
 * {@code requests=.. ok=.. errors=.. rate=../s p50=..ms p99=..ms max=..ms}; a response other than 200/201 is an
 * error, and the first one is printed.
 */
public class HttpLoad {

    static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: HttpLoad max|rate URL USER:PASSWORD CONTENT-TYPE BODY-FILE CONNECTIONS|RATE SECONDS");
            System.exit(2);
        }
        String mode = args[0];
        URI uri = URI.create(args[1]);
        // "-": no Authorization header (a SOAP door authenticates the message, not the request)
        String auth = args[2].equals("-") ? null
                : "Basic " + Base64.getEncoder().encodeToString(args[2].getBytes(StandardCharsets.UTF_8));
        String contentType = args[3];
        String template = java.nio.file.Files.readString(java.nio.file.Path.of(args[4]));
        int n = Integer.parseInt(args[5]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[6]));
        String run = Long.toString(System.nanoTime(), 36);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        Result result = new Result();
        AtomicInteger counter = new AtomicInteger();
        java.util.function.Supplier<HttpRequest> next = () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body(template, run, counter.incrementAndGet())));
            return (auth == null ? request : request.header("Authorization", auth)).build();
        };
        long start = System.nanoTime();
        long end = start + length.toNanos();
        if (mode.equals("max")) {
            CountDownLatch done = new CountDownLatch(n);
            for (int c = 0; c < n; c++) {
                new Thread(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            result.record(client.send(next.get(), HttpResponse.BodyHandlers.ofString()), t0);
                        } catch (Exception e) {
                            result.fail(e.toString(), t0);
                        }
                    }
                    done.countDown();
                }).start();
            }
            done.await();
        } else if (mode.equals("rate")) {
            long interval = 1_000_000_000L / n;
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            for (long intended = start; intended < end; intended += interval) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long scheduled = intended;
                inFlight.add(client.sendAsync(next.get(), HttpResponse.BodyHandlers.ofString())
                        .handle((response, error) -> {
                            if (error != null) {
                                result.fail(error.toString(), scheduled);
                            } else {
                                result.record(response, scheduled);
                            }
                            return null;
                        }));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        } else {
            throw new IllegalArgumentException("mode is max or rate, not " + mode);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(result.summary(seconds));
        System.exit(0);
    }

    static String body(String template, String run, int n) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return template.replace("{run}", run).replace("{n}", Integer.toString(n))
                .replace("{nonce}", Base64.getEncoder().encodeToString(nonce))
                .replace("{created}", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .replace("{expires}", Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.MILLIS).toString());
    }

    static final class Result {
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        volatile String firstError;

        void record(HttpResponse<String> response, long t0) {
            latencies.add(System.nanoTime() - t0);
            if (response.statusCode() == 200 || response.statusCode() == 201) {
                ok.incrementAndGet();
            } else {
                fail("HTTP " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(300, response.body().length())), -1);
            }
        }

        void fail(String what, long t0) {
            if (t0 >= 0) {
                latencies.add(System.nanoTime() - t0);
            }
            errors.incrementAndGet();
            if (firstError == null) {
                firstError = what;
            }
        }

        String summary(double seconds) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            String line = String.format("requests=%d ok=%d errors=%d rate=%.0f/s p50=%.1fms p99=%.1fms max=%.1fms",
                    sorted.length, ok.get(), errors.get(), ok.get() / seconds, percentile(sorted, 0.50),
                    percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
            return firstError == null ? line : line + " first-error=" + firstError.replace('\n', ' ');
        }

        static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }
}
