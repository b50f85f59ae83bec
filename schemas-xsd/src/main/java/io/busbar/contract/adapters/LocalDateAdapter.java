package io.busbar.contract.adapters;

import java.time.LocalDate;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

/** xs:date as {@link LocalDate} (ISO yyyy-MM-dd). */
public class LocalDateAdapter extends XmlAdapter<String, LocalDate> {

    @Override
    public LocalDate unmarshal(String text) {
        return text == null ? null : LocalDate.parse(text.trim());
    }

    @Override
    public String marshal(LocalDate value) {
        return value == null ? null : value.toString();
    }
}
