package io.busbar.services.common;

import io.busbar.contract.common.v1.PageInfo;

/**
 * A page request with the contract's defaults and limits (page from 0, size 1 to 200, default 20). The offset of the
 * page's end must fit an int: a page beyond that is a bad request, never an overflow.
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /**
     * A paging parameter as the caller wrote it (a query parameter): null when absent, a number, or a bad request
     * ({@code INVALID_PAGE}) naming the parameter, never the framework's 404 for an unparseable one.
     */
    public static Integer number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new ServiceException.InvalidRequest("INVALID_PAGE", name + " must be a whole number",
                    java.util.List.of(new FieldViolation(name, "must be a whole number")));
        }
    }

    /** {@link #of(Integer, Integer)} from the query parameters as written. */
    public static Paging of(String page, String size) {
        return of(number("page", page), number("size", size));
    }

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new ServiceException.InvalidRequest("INVALID_PAGE", "page must be 0 or more",
                    java.util.List.of(new FieldViolation("page", "must be 0 or more")));
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new ServiceException.InvalidRequest("INVALID_PAGE", "size must be 1 to " + MAX_SIZE,
                    java.util.List.of(new FieldViolation("size", "must be 1 to " + MAX_SIZE)));
        }
        if ((long) p * s > Integer.MAX_VALUE - s) {
            throw new ServiceException.InvalidRequest("INVALID_PAGE", "page " + p + " of size " + s + " is out of range",
                    java.util.List.of(new FieldViolation("page", "must be at most " + (Integer.MAX_VALUE / s - 1))));
        }
        return new Paging(p, s);
    }

    public int offset() {
        return page * size;
    }

    public PageInfo info(long totalItems) {
        PageInfo info = new PageInfo();
        info.setPage(page);
        info.setSize(size);
        info.setTotalItems(totalItems);
        info.setTotalPages((int) ((totalItems + size - 1) / size));
        return info;
    }
}
