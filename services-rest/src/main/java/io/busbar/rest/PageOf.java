package io.busbar.rest;

import java.util.List;

import io.busbar.contract.common.v1.PageInfo;

/** One page of a list: the items and where the page sits in the whole. */
public record PageOf<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> PageOf<T> of(List<T> items, PageInfo info) {
        return new PageOf<>(items, info.getPage(), info.getSize(), info.getTotalItems(), info.getTotalPages());
    }
}
