package cn.liangxin.survey;

import cn.liangxin.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Survey uploads as metrics: rows read, rows rejected and the time to read and check a file, per
 * file format (xlsx, xls, csv, and form for the phone form); files refused outright, per error code.
 */
@ApplicationScoped
@Startup
public class ImportMetrics {

    static final String ROWS = "liangxin.survey.import.rows";
    static final String REJECTED = "liangxin.survey.import.rows.rejected";
    static final String DURATION = "liangxin.survey.import.duration";
    static final String REFUSED = "liangxin.survey.import.refused";

    private final MeterRegistry registry;

    public ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
        // present from the start, so a dashboard shows 0 rather than nothing before the first upload
        for (String format : List.of("xlsx", "xls", "csv", "form")) {
            rows(format);
            rejected(format);
            duration(format);
        }
    }

    /** Runs a survey preview (reading and checking an uploaded file) and records what it read. */
    public ImportPreview preview(Supplier<ImportPreview> read) {
        long start = System.nanoTime();
        ImportPreview preview;
        try {
            preview = read.get();
        } catch (ApiException e) {
            Counter.builder(REFUSED).description("Survey files refused before any row was checked, by error code")
                    .tag("code", e.code()).register(registry).increment();
            throw e;
        }
        String format = format(preview.format());
        duration(format).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (preview.summary() != null) {
            rows(format).increment(preview.summary().rows());
            rejected(format).increment(preview.summary().rejected());
        }
        return preview;
    }

    /** "CSV GB18030" → "csv": the encoding is not a format of its own. */
    static String format(String format) {
        if (format == null || format.isBlank()) {
            return "unknown";
        }
        return format.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
    }

    private Counter rows(String format) {
        return Counter.builder(ROWS).description("Data rows read from uploaded survey files").tag("format", format)
                .register(registry);
    }

    private Counter rejected(String format) {
        return Counter.builder(REJECTED).description("Rows of uploaded survey files rejected by the checks")
                .tag("format", format).register(registry);
    }

    private Timer duration(String format) {
        return Timer.builder(DURATION).description("Time to read and check an uploaded survey file (the preview)")
                .tag("format", format).register(registry);
    }
}
