package io.busbar.connectors.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.busbar.connectors.record.copybook.CopybookParser;

/** Test fixtures under src/test/resources. */
public final class Fixtures {

    public static final Charset IBM037 = Charset.forName("IBM037");
    public static final Charset IBM1047 = Charset.forName("IBM1047");

    private Fixtures() {
    }

    public static String copybook(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/copybooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** customer.cpy: 141 bytes with zoned, packed, binary, group OCCURS and FILLER. */
    public static RecordLayout customer(Charset charset) {
        return CopybookParser.parse(copybook("customer.cpy"), charset);
    }
}
