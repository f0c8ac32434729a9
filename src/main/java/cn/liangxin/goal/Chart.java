package cn.liangxin.goal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rate across years drawn as SVG on the server, so that a page shows it without JavaScript: one
 * line per series (a point per year with a value, broken where a year has none), the targets as
 * short red bars, gridlines at 0, half and the top of the scale (the highest value or target rounded
 * up to a tenth).
 */
public final class Chart {

    /** One line of the chart. */
    public record Series(String name, String color, Map<Integer, BigDecimal> values) {
    }

    private static final int WIDTH = 560;
    private static final int HEIGHT = 220;
    private static final int LEFT = 44;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;

    private Chart() {
    }

    public static String svg(String title, List<Integer> years, List<Series> series, Map<Integer, BigDecimal> targets) {
        return svg(title, years, series, targets, false);
    }

    /**
     * The same; with {@code points}, the values (and targets) are a score ÷ 100 and read as points
     * (80 分) rather than percentages.
     */
    public static String svg(String title, List<Integer> years, List<Series> series, Map<Integer, BigDecimal> targets,
                             boolean points) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
        s.append("<title>").append(escape(title)).append("</title>");
        s.append("<text x=\"").append(LEFT).append("\" y=\"16\" font-size=\"13\" font-weight=\"bold\">").append(escape(title))
                .append("</text>");
        // the scale reaches the highest value or target, rounded up to a tenth: 5 % and 10 % stay apart
        double highest = 0.1;
        for (Series series1 : series) {
            for (BigDecimal v : series1.values().values()) {
                if (v != null) {
                    highest = Math.max(highest, v.doubleValue());
                }
            }
        }
        for (BigDecimal t : targets.values()) {
            if (t != null) {
                highest = Math.max(highest, t.doubleValue());
            }
        }
        double top = Math.min(1, Math.ceil(highest * 10 - 1e-9) / 10);
        int topPct = (int) Math.round(top * 100);
        for (int pct : new int[]{0, topPct / 2, topPct}) {
            double y = y(BigDecimal.valueOf(pct, 2), top);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(f(y))
                    .append("\" y2=\"").append(f(y)).append("\" stroke=\"#ccc\" stroke-width=\"1\"/>");
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4)).append("\" font-size=\"11\" text-anchor=\"end\">")
                    .append(points ? cn.liangxin.web.Msg.t("goal.score", pct) : pct + "%").append("</text>");
        }
        for (int i = 0; i < years.size(); i++) {
            s.append("<text x=\"").append(f(x(i, years.size()))).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
                    .append("\" font-size=\"11\" text-anchor=\"middle\">").append(years.get(i)).append("</text>");
            BigDecimal target = targets.get(years.get(i));
            if (target != null) {
                double tx = x(i, years.size());
                s.append("<line class=\"target\" data-year=\"").append(years.get(i)).append("\" x1=\"").append(f(tx - 8))
                        .append("\" x2=\"").append(f(tx + 8)).append("\" y1=\"").append(f(y(target, top))).append("\" y2=\"")
                        .append(f(y(target, top))).append("\" stroke=\"#c00000\" stroke-width=\"3\"/>");
            }
        }
        int legend = LEFT;
        for (Series series1 : series) {
            List<List<String>> segments = new ArrayList<>();
            List<String> current = new ArrayList<>();
            for (int i = 0; i < years.size(); i++) {
                BigDecimal v = series1.values().get(years.get(i));
                if (v == null) {
                    if (!current.isEmpty()) segments.add(current);
                    current = new ArrayList<>();
                    continue;
                }
                current.add(f(x(i, years.size())) + "," + f(y(v, top)));
            }
            if (!current.isEmpty()) segments.add(current);
            for (List<String> seg : segments) {
                s.append("<polyline fill=\"none\" stroke=\"").append(series1.color()).append("\" stroke-width=\"2\" points=\"")
                        .append(String.join(" ", seg)).append("\"/>");
            }
            for (int i = 0; i < years.size(); i++) {
                BigDecimal v = series1.values().get(years.get(i));
                if (v != null) {
                    s.append("<circle class=\"point\" data-series=\"").append(escape(series1.name())).append("\" data-year=\"")
                            .append(years.get(i)).append("\" data-value=\"").append(v.toPlainString()).append("\" cx=\"")
                            .append(f(x(i, years.size()))).append("\" cy=\"").append(f(y(v, top))).append("\" r=\"3\" fill=\"")
                            .append(series1.color()).append("\"><title>").append(escape(series1.name())).append(' ')
                            .append(years.get(i)).append(": ").append(points
                                    ? cn.liangxin.web.Msg.t("goal.score", v.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP))
                                    : cn.liangxin.rules.Rates.percent(v))
                            .append("</title></circle>");
                }
            }
            s.append("<rect x=\"").append(legend).append("\" y=\"").append(HEIGHT - 14).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(series1.color()).append("\"/><text x=\"").append(legend + 14).append("\" y=\"").append(HEIGHT - 5)
                    .append("\" font-size=\"11\">").append(escape(series1.name())).append("</text>");
            legend += 24 + 13 * series1.name().length();
        }
        return s.append("</svg>").toString();
    }

    /** One bar of a bar chart: what it is, its rate, and where it links to (null: nowhere). */
    public record Bar(String label, BigDecimal rate, String href) {
    }

    /**
     * Rates side by side as horizontal bars (the townships of a county), each labelled with its
     * name and its percentage, an optional target as a red line across them all.
     */
    public static String bars(String title, List<Bar> bars, BigDecimal target) {
        int label = 130, row = 22, top = 30, right = 60;
        int height = top + row * bars.size() + 12;
        double span = WIDTH - label - right;
        StringBuilder s = new StringBuilder();
        // a group, not an image: its bars are links
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"group\" aria-label=\"").append(escape(title)).append("\">");
        s.append("<title>").append(escape(title)).append("</title>");
        s.append("<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">").append(escape(title)).append("</text>");
        BigDecimal max = bars.stream().map(Bar::rate).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        if (target != null && target.compareTo(max) > 0) {
            max = target;
        }
        // the scale reaches the largest rate (at least 10 %), so that low rates stay legible
        double scale = Math.max(0.1, max.doubleValue());
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = top + i * row;
            double w = span * Math.min(1, b.rate().doubleValue() / scale);
            String pct = cn.liangxin.rules.Rates.percent(b.rate());
            if (b.href() != null) {
                s.append("<a href=\"").append(escape(b.href())).append("\">");
            }
            s.append("<text x=\"").append(label - 6).append("\" y=\"").append(f(y + 14)).append("\" font-size=\"12\" text-anchor=\"end\">")
                    .append(escape(b.label())).append("</text>");
            s.append("<rect class=\"bar\" data-label=\"").append(escape(b.label())).append("\" data-value=\"")
                    .append(b.rate().toPlainString()).append("\" x=\"").append(label).append("\" y=\"").append(f(y + 3))
                    .append("\" width=\"").append(f(Math.max(1, w))).append("\" height=\"15\" fill=\"#b71c1c\"><title>")
                    .append(escape(b.label())).append(": ").append(pct).append("</title></rect>");
            s.append("<text x=\"").append(f(label + w + 4)).append("\" y=\"").append(f(y + 14)).append("\" font-size=\"11\">")
                    .append(pct).append("</text>");
            if (b.href() != null) {
                s.append("</a>");
            }
        }
        if (target != null) {
            double x = label + span * Math.min(1, target.doubleValue() / scale);
            s.append("<line class=\"target\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(top - 4).append("\" y2=\"").append(height - 8).append("\" stroke=\"#c00000\" stroke-width=\"2\""
                    + " stroke-dasharray=\"4 3\"/>");
        }
        return s.append("</svg>").toString();
    }

    private static double x(int i, int n) {
        double span = WIDTH - LEFT - RIGHT - 20;
        return LEFT + 10 + (n <= 1 ? span / 2 : span * i / (n - 1));
    }

    /** Where a rate lies, on a scale up to {@code top} (1: 100 %). */
    private static double y(BigDecimal rate, double top) {
        double r = Math.max(0, Math.min(1, rate.doubleValue() / top));
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - r);
    }

    private static String f(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
