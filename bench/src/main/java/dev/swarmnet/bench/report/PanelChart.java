package dev.swarmnet.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;

/**
 * One group's chart: a legend of its subjects and one panel per metric, each a bar per subject
 * on the panel's own scale from zero, labelled with the value and, for a figure with baselines,
 * its ratio to the first one. Drawn with java.awt on a {@link BufferedImage}, so it runs headless
 * and needs no library. Pure (in memory).
 */
public final class PanelChart {
    static final int PANEL_WIDTH = 360;
    static final int PANEL_HEIGHT = 250;
    static final int HEADER = 70;
    static final int MAX_COLUMNS = 3;
    /** Where a panel's tallest bar ends, below its title lines and labels. */
    static final int PLOT_TOP = 88;
    private static final Color[] PALETTE = {
        new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
        new Color(0x8172B3), new Color(0x937860), new Color(0xDA8BC3),
    };

    private PanelChart() {
    }

    /**
     * The chart of {@code group} in {@code table}.
     *
     * @throws IllegalArgumentException if the group has no figures
     */
    public static BufferedImage render(FigureTable table, String group, String title) {
        List<String> metrics = table.metrics(group);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("group '" + group + "' has no figures to chart");
        }
        List<String> subjects = table.in(group).stream().map(Figure::subject).distinct().toList();
        int columns = Math.min(MAX_COLUMNS, metrics.size());
        int rows = (metrics.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, HEADER + rows * PANEL_HEIGHT,
            BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 12, 24);
            legend(g, subjects, 12, 50);
            for (int i = 0; i < metrics.size(); i++) {
                int x = (i % columns) * PANEL_WIDTH;
                int y = HEADER + (i / columns) * PANEL_HEIGHT;
                panel(g, table, group, metrics.get(i), subjects, x, y);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The PNG bytes of {@code image}. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The colour of the {@code index}th subject of a group. */
    static Color colour(int index) {
        return PALETTE[index % PALETTE.length];
    }

    private static void legend(Graphics2D g, List<String> subjects, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < subjects.size(); i++) {
            g.setColor(colour(i));
            g.fillRect(x, y - 11, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(subjects.get(i), x + 17, y);
            x += 17 + fm.stringWidth(subjects.get(i)) + 20;
        }
    }

    private static void panel(Graphics2D g, FigureTable table, String group, String metric, List<String> subjects,
                              int x, int y) {
        List<Figure> figures = table.of(group, metric);
        g.setColor(new Color(0xDDDDDD));
        g.drawRect(x + 6, y + 4, PANEL_WIDTH - 12, PANEL_HEIGHT - 10);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(fit(g, metric, PANEL_WIDTH - 24), x + 12, y + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        g.drawString(figures.get(0).unit() + ", " + figures.get(0).better().phrase(), x + 12, y + 35);
        figures.stream().filter(f -> !f.baselines().isEmpty()).findFirst()
            .ifPresent(f -> g.drawString(fit(g, "ratios: value / " + f.baselines().get(0), PANEL_WIDTH - 24),
                x + 12, y + 50));

        double max = figures.stream().filter(Figure::measured).mapToDouble(f -> Math.abs(f.value())).max().orElse(0);
        int top = y + PLOT_TOP;
        int bottom = y + PANEL_HEIGHT - 20;
        int slot = (PANEL_WIDTH - 40) / Math.max(1, figures.size());
        int barWidth = Math.min(70, slot - 16);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(x + 16, bottom, x + PANEL_WIDTH - 16, bottom);
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            int cx = x + 20 + slot * i + slot / 2;
            int height = f.measured() && max > 0 ? (int) Math.round((bottom - top) * Math.abs(f.value()) / max) : 0;
            g.setColor(colour(subjects.indexOf(f.subject())));
            g.fillRect(cx - barWidth / 2, bottom - height, barWidth, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            centred(g, Numbers.value(f.value()), cx, bottom - height - (f.baselines().isEmpty() ? 4 : 17));
            if (!f.baselines().isEmpty()) {
                OptionalDouble r = table.ratio(f, f.baselines().get(0));
                centred(g, r.isPresent() ? Numbers.ratio(r.getAsDouble()) : "n/a", cx, bottom - height - 4);
            }
        }
    }

    private static void centred(Graphics2D g, String text, int cx, int baseline) {
        g.drawString(text, cx - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (!t.isEmpty() && fm.stringWidth(t + "...") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }
}
