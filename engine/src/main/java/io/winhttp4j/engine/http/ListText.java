package io.winhttp4j.engine.http;

import java.util.ArrayList;
import java.util.List;

/** The items of a WinHTTP proxy or bypass list: separated by ';' or whitespace, empty items skipped. */
final class ListText {
    private ListText() {}

    static List<String> items(String list) {
        List<String> items = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= list.length(); i++) {
            boolean separator = i == list.length() || list.charAt(i) == ';' || Character.isWhitespace(list.charAt(i));
            if (separator) {
                if (start >= 0) items.add(list.substring(start, i));
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
        return items;
    }
}
