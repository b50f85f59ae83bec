package io.busbar.connectors.batch;

/** File names a legacy system hands over: one plain name, never a path. */
public final class SafeNames {

    private SafeNames() {
    }

    /** True for a plain file name: no separators, no {@code ..}, no control characters, not hidden. */
    public static boolean isSafe(String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.startsWith(".")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f || c == ':') {
                return false;
            }
        }
        return !name.contains("..");
    }

    public static String require(String name) {
        if (!isSafe(name)) {
            throw new IllegalArgumentException("refused file name '" + name + "': not a plain file name");
        }
        return name;
    }
}
