/**
 * The benchmark suite's report: figures in, {@code report.md} and one PNG chart per group out.
 *
 * <p>Design note. {@code bench/run} is a shell script because what it measures is shell work
 * (namespaces, iperf3, wrk, HAProxy, a swarmnet lab); every measuring script appends its figures
 * as tab-separated rows ({@link dev.swarmnet.bench.report.FigureTable}: group, metric, subject,
 * value, unit, baseline subjects, which direction is better), and JMH writes its CSV
 * ({@link dev.swarmnet.bench.report.JmhCsv}). A figure names the subjects it is compared with, so
 * a ratio is always against a baseline measured in the same run; the report never compares with
 * numbers from another sitting. {@link dev.swarmnet.bench.report.MarkdownReport} writes the text
 * (machine, headline ratios, one table per group, the exact commands) and
 * {@link dev.swarmnet.bench.report.PanelChart} draws one PNG per group with java.awt in headless
 * mode: one small panel per metric, each on its own scale, so figures of different units share a
 * chart without misleading. Everything but {@link dev.swarmnet.bench.report.ReportMain} is pure
 * (strings and images in memory); {@code ReportMain} reads and writes the files. Single-threaded.
 */
package dev.swarmnet.bench.report;
