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

    /**
     * The chart's width in its own units, and the width it is drawn at: a phone's column (390 px less
     * the page's margins) holds it whole, so that a font size below is the size a person reads there;
     * a desktop draws it at the same size, charts side by side.
     */
    public static final int WIDTH = 360;
    /** The size of every text but the title: 13 px read at a phone's width (at least 12). */
    public static final int FONT = 13;
    private static final int TITLE_FONT = 15;
    private static final int LINE = 18;
    private static final int PLOT = 140;
    private static final int LEFT = 50;
    private static final int RIGHT = 12;
    private static final String TARGET_COLOR = "#c00000";

    private Chart() {
    }

    public static String svg(String title, List<Integer> years, List<Series> series, Map<Integer, BigDecimal> targets) {
        return svg(title, years, series, targets, false, null);
    }

    public static String svg(String title, List<Integer> years, List<Series> series, Map<Integer, BigDecimal> targets,
                             boolean points) {
        return svg(title, years, series, targets, points, null);
    }

    /**
     * The same; with {@code points}, the values (and targets) are a score ÷ 100 and read as points
     * (80 分) rather than percentages; {@code note} (null: none), a sentence under the legend, such as
     * which years have no point and why.
     */
    public static String svg(String title, List<Integer> years, List<Series> series, Map<Integer, BigDecimal> targets,
                             boolean points, String note) {
        List<String> titleLines = wrap(title, TITLE_FONT, WIDTH - 8);
        int top = 8 + titleLines.size() * (TITLE_FONT + 5) + 8;
        int plotBottom = top + PLOT;
        int axis = plotBottom + FONT + 6;
        // the legend: a swatch and a name for each line, and the red dash of the targets when there are any
        List<String[]> keys = new ArrayList<>();
        for (Series series1 : series) {
            keys.add(new String[]{series1.color(), series1.name(), "series"});
        }
        boolean anyTarget = years.stream().anyMatch(y -> targets.get(y) != null);
        if (anyTarget) {
            keys.add(new String[]{TARGET_COLOR, cn.liangxin.web.Msg.t("chart.legend.target"), "target"});
        }
        List<List<String[]>> legendRows = new ArrayList<>();
        double used = WIDTH;
        for (String[] k : keys) {
            double w = 18 + width(k[1], FONT) + 14;
            if (used + w > WIDTH - 4 || legendRows.isEmpty()) {
                legendRows.add(new ArrayList<>());
                used = 4;
            }
            legendRows.get(legendRows.size() - 1).add(k);
            used += w;
        }
        int legendTop = axis + 10;
        List<String> noteLines = note == null || note.isBlank() ? List.of() : wrap(note, FONT, WIDTH - 8);
        int noteTop = legendTop + legendRows.size() * LINE;
        int height = noteTop + noteLines.size() * LINE + 4;

        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title + (note == null ? "" : "。" + note)))
                .append("\">");
        s.append("<title>").append(escape(title)).append("</title>");
        for (int i = 0; i < titleLines.size(); i++) {
            s.append("<text x=\"4\" y=\"").append(8 + TITLE_FONT + i * (TITLE_FONT + 5)).append("\" font-size=\"")
                    .append(TITLE_FONT).append("\" font-weight=\"bold\">").append(escape(titleLines.get(i))).append("</text>");
        }
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
        double scaleTop = Math.min(1, Math.ceil(highest * 10 - 1e-9) / 10);
        int topPct = (int) Math.round(scaleTop * 100);
        for (int pct : new int[]{0, topPct / 2, topPct}) {
            double y = y(BigDecimal.valueOf(pct, 2), scaleTop, top);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(f(y))
                    .append("\" y2=\"").append(f(y)).append("\" stroke=\"#ccc\" stroke-width=\"1\"/>");
            s.append("<text x=\"").append(LEFT - 5).append("\" y=\"").append(f(y + 4.5)).append("\" font-size=\"").append(FONT)
                    .append("\" text-anchor=\"end\">")
                    .append(points ? cn.liangxin.web.Msg.t("goal.score", pct) : pct + "%").append("</text>");
        }
        // a year under every step-th point, counted back from this year, so that the labels never touch
        int n = years.size();
        double spacing = n <= 1 ? Double.MAX_VALUE : (WIDTH - LEFT - RIGHT - 20.0) / (n - 1);
        int step = (int) Math.max(1, Math.ceil((width("0000", FONT) + 8) / spacing));
        double dash = Math.min(8, spacing * 0.4);
        for (int i = 0; i < n; i++) {
            double x = x(i, n);
            if ((n - 1 - i) % step == 0) {
                s.append("<text class=\"year\" x=\"").append(f(x)).append("\" y=\"").append(axis)
                        .append("\" font-size=\"").append(FONT).append("\" text-anchor=\"middle\">").append(years.get(i))
                        .append("</text>");
            }
            BigDecimal target = targets.get(years.get(i));
            if (target != null) {
                s.append("<line class=\"target\" data-year=\"").append(years.get(i)).append("\" x1=\"").append(f(x - dash))
                        .append("\" x2=\"").append(f(x + dash)).append("\" y1=\"").append(f(y(target, scaleTop, top)))
                        .append("\" y2=\"").append(f(y(target, scaleTop, top))).append("\" stroke=\"").append(TARGET_COLOR)
                        .append("\" stroke-width=\"3\"/>");
            }
        }
        for (Series series1 : series) {
            List<List<String>> segments = new ArrayList<>();
            List<String> current = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BigDecimal v = series1.values().get(years.get(i));
                if (v == null) {
                    if (!current.isEmpty()) segments.add(current);
                    current = new ArrayList<>();
                    continue;
                }
                current.add(f(x(i, n)) + "," + f(y(v, scaleTop, top)));
            }
            if (!current.isEmpty()) segments.add(current);
            for (List<String> seg : segments) {
                s.append("<polyline fill=\"none\" stroke=\"").append(series1.color()).append("\" stroke-width=\"2\" points=\"")
                        .append(String.join(" ", seg)).append("\"/>");
            }
            for (int i = 0; i < n; i++) {
                BigDecimal v = series1.values().get(years.get(i));
                if (v != null) {
                    s.append("<circle class=\"point\" data-series=\"").append(escape(series1.name())).append("\" data-year=\"")
                            .append(years.get(i)).append("\" data-value=\"").append(v.toPlainString()).append("\" cx=\"")
                            .append(f(x(i, n))).append("\" cy=\"").append(f(y(v, scaleTop, top))).append("\" r=\"3\" fill=\"")
                            .append(series1.color()).append("\"><title>").append(escape(series1.name())).append(' ')
                            .append(years.get(i)).append(": ").append(points
                                    ? cn.liangxin.web.Msg.t("goal.score", v.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP))
                                    : cn.liangxin.rules.Rates.percent(v))
                            .append("</title></circle>");
                }
            }
        }
        for (int r = 0; r < legendRows.size(); r++) {
            double x = 4;
            int base = legendTop + r * LINE + FONT;
            for (String[] k : legendRows.get(r)) {
                if (k[2].equals("target")) {
                    s.append("<rect class=\"key target\" x=\"").append(f(x)).append("\" y=\"").append(base - 6)
                            .append("\" width=\"16\" height=\"3\" fill=\"").append(k[0]).append("\"/>");
                } else {
                    s.append("<rect class=\"key\" x=\"").append(f(x + 3)).append("\" y=\"").append(base - 10)
                            .append("\" width=\"10\" height=\"10\" fill=\"").append(k[0]).append("\"/>");
                }
                s.append("<text class=\"legend\" x=\"").append(f(x + 20)).append("\" y=\"").append(base).append("\" font-size=\"")
                        .append(FONT).append("\">").append(escape(k[1])).append("</text>");
                x += 18 + width(k[1], FONT) + 14;
            }
        }
        for (int i = 0; i < noteLines.size(); i++) {
            s.append("<text class=\"note\" x=\"4\" y=\"").append(noteTop + i * LINE + FONT).append("\" font-size=\"")
                    .append(FONT).append("\" fill=\"#5f5f5f\">").append(escape(noteLines.get(i))).append("</text>");
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
        // the names' column as wide as the longest name (at most 9 characters' worth: a longer name is cut,
        // whole in its bar's title), the percentages after the bars
        double most = 9 * FONT;
        double longest = bars.stream().mapToDouble(b -> width(b.label(), FONT)).max().orElse(0);
        int label = (int) Math.ceil(Math.min(most, longest)) + 10;
        int row = 22, right = 52;
        List<String> titleLines = wrap(title, TITLE_FONT, WIDTH - 8);
        int top = 8 + titleLines.size() * (TITLE_FONT + 5);
        if (target != null) {
            top += LINE;
        }
        top += 8;
        int height = top + row * bars.size() + 12;
        double span = WIDTH - label - right;
        StringBuilder s = new StringBuilder();
        // a group, not an image: its bars are links
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"group\" aria-label=\"").append(escape(title)).append("\">");
        s.append("<title>").append(escape(title)).append("</title>");
        for (int i = 0; i < titleLines.size(); i++) {
            s.append("<text x=\"4\" y=\"").append(8 + TITLE_FONT + i * (TITLE_FONT + 5)).append("\" font-size=\"")
                    .append(TITLE_FONT).append("\" font-weight=\"bold\">").append(escape(titleLines.get(i))).append("</text>");
        }
        if (target != null) {
            // the legend of the dashed line: what it marks and at how much
            int base = 8 + titleLines.size() * (TITLE_FONT + 5) + FONT + 2;
            s.append("<line class=\"key target\" x1=\"4\" x2=\"22\" y1=\"").append(base - 5).append("\" y2=\"").append(base - 5)
                    .append("\" stroke=\"").append(TARGET_COLOR).append("\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>");
            s.append("<text class=\"legend\" x=\"28\" y=\"").append(base).append("\" font-size=\"").append(FONT).append("\">")
                    .append(escape(cn.liangxin.web.Msg.t("chart.legend.targetOf", cn.liangxin.rules.Rates.percent(target))))
                    .append("</text>");
        }
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
            s.append("<text x=\"").append(label - 6).append("\" y=\"").append(f(y + 15)).append("\" font-size=\"").append(FONT)
                    .append("\" text-anchor=\"end\">").append(escape(cut(b.label(), most))).append("</text>");
            s.append("<rect class=\"bar\" data-label=\"").append(escape(b.label())).append("\" data-value=\"")
                    .append(b.rate().toPlainString()).append("\" x=\"").append(label).append("\" y=\"").append(f(y + 3))
                    .append("\" width=\"").append(f(Math.max(1, w))).append("\" height=\"16\" fill=\"#b71c1c\"><title>")
                    .append(escape(b.label())).append(": ").append(pct).append("</title></rect>");
            s.append("<text x=\"").append(f(label + w + 4)).append("\" y=\"").append(f(y + 15)).append("\" font-size=\"")
                    .append(FONT).append("\">").append(pct).append("</text>");
            if (b.href() != null) {
                s.append("</a>");
            }
        }
        if (target != null) {
            double x = label + span * Math.min(1, target.doubleValue() / scale);
            s.append("<line class=\"target\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(top - 4).append("\" y2=\"").append(height - 8).append("\" stroke=\"").append(TARGET_COLOR)
                    .append("\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>");
        }
        return s.append("</svg>").toString();
    }

    private static double x(int i, int n) {
        double span = WIDTH - LEFT - RIGHT - 20;
        return LEFT + 10 + (n <= 1 ? span / 2 : span * i / (n - 1));
    }

    /** Where a rate lies, on a scale up to {@code scaleTop} (1: 100 %), in a plot whose top is at {@code top}. */
    private static double y(BigDecimal rate, double scaleTop, int top) {
        double r = Math.max(0, Math.min(1, rate.doubleValue() / scaleTop));
        return top + PLOT * (1 - r);
    }

    /**
     * About how wide a text is drawn at a font size: a Chinese character (or full-width sign) is
     * square, a Latin letter, digit or sign about six tenths of it.
     */
    static double width(String text, int font) {
        double w = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            w += (c >= 0x2E80 ? 1.0 : 0.6) * font;
            i += Character.charCount(c);
        }
        return w;
    }

    /** A text no wider than {@code max}: cut, with an ellipsis, when it is wider. */
    static String cut(String text, double max) {
        if (width(text, FONT) <= max) {
            return text;
        }
        List<String> lines = wrap(text, FONT, max - FONT);
        return lines.get(0) + "…";
    }

    /** A text cut into lines no wider than {@code max}, between characters (Chinese has no spaces to break at). */
    static List<String> wrap(String text, int font, double max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            String ch = new String(Character.toChars(c));
            if (line.length() > 0 && width(line + ch, font) > max) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(ch);
            i += Character.charCount(c);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String f(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
