package dev.burnrate.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The days with data: [start, end], both inclusive. */
record Window(LocalDate start, LocalDate end) {

  static Window ending(LocalDate end, int days) {
    return new Window(end.minusDays(days - 1L), end);
  }

  boolean contains(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }

  /** The billing months that hold at least one day of the window, oldest first. */
  List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = YearMonth.from(start);
        !m.isAfter(YearMonth.from(end));
        m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** The first day of the month that lies in the window. */
  LocalDate firstDay(YearMonth m) {
    LocalDate d = m.atDay(1);
    return d.isBefore(start) ? start : d;
  }

  /** The last day of the month that lies in the window. */
  LocalDate lastDay(YearMonth m) {
    LocalDate d = m.atEndOfMonth();
    return d.isAfter(end) ? end : d;
  }

  /** True when the whole month has happened, so the provider has closed and invoiced it. */
  boolean closed(YearMonth m) {
    return !m.atEndOfMonth().isAfter(end);
  }
}
