package dev.burnrate.reports;

import java.nio.file.Path;
import java.time.Duration;

/** What {@link ReportRenderer#render} produced: the PDF, its page count and how long it took. */
public record RenderResult(Path pdf, int pages, Duration elapsed) {}
