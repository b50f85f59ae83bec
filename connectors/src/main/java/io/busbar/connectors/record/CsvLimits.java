package io.busbar.connectors.record;

/**
 * How long a CSV field and a CSV record may be, in characters. A longer field or record is a bad record in the report,
 * never a reason to hold the file in memory: commons-csv would otherwise build a field of any length, an unclosed
 * quote included.
 *
 * @param maxFieldChars the longest field; a longer one makes its record bad, and reading goes on
 * @param maxRecordChars the longest record; a longer one is a bad record, and reading stops there (where the next record
 *        starts cannot be known without reading the rest of this one)
 */
public record CsvLimits(int maxFieldChars, int maxRecordChars) {

    public static final CsvLimits DEFAULT = new CsvLimits(64 * 1024, 1024 * 1024);

    public CsvLimits {
        if (maxFieldChars < 1 || maxRecordChars < maxFieldChars) {
            throw new IllegalArgumentException("CSV limits need 1 <= max field <= max record, got " + maxFieldChars
                    + " and " + maxRecordChars);
        }
    }
}
