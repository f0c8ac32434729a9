package cn.liangxin.survey;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes N rows of realistic survey data for the import benchmark, as 摸底登记表 CSV and XLSX
 * (deterministic: the same N gives the same files). Usage: {@code SurveyBenchmarkData N DIR}.
 */
public final class SurveyBenchmarkData {

    private static final String[] TOWNSHIPS = {"罗雄街道", "腊山街道", "九龙街道", "板桥镇", "马街镇", "富乐镇", "阿岗镇",
            "大水井乡", "鲁布革布依族苗族乡", "旧屋基彝族乡", "钟山乡", "长底布依族乡", "老厂乡"};
    private static final String[] KINDS = {"企业", "企业", "个体工商户", "个体工商户", "个体工商户", "农民专业合作社", "社会团体",
            "民办非企业单位"};
    private static final String[] WORDS = {"金鸡峰", "多依河", "鲁布革", "九龙", "滇东", "油菜花", "星光", "宏达", "恒通", "云岭"};
    private static final String[] TRADES = {"商贸", "食品", "建材", "物流", "养殖", "种植", "餐饮", "电子", "运输", "旅游"};

    private SurveyBenchmarkData() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench");
        Files.createDirectories(dir);
        List<List<String>> rows = rows(n, 2009L);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("survey.csv")))) {
            SurveyTemplate.writeCsv(out, rows);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("survey.xlsx")))) {
            SurveyTemplate.writeXlsx(out, rows, false);
        }
    }

    static List<List<String>> rows(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<String>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int headcount = random.nextInt(100) < 80 ? 1 + random.nextInt(12) : 10 + random.nextInt(400);
            int members = random.nextInt(100) < 85 ? 0 : random.nextInt(6);
            List<String> r = new ArrayList<>(26);
            r.add("罗平县" + WORDS[random.nextInt(WORDS.length)] + TRADES[random.nextInt(TRADES.length)] + (i + 1) + "号有限公司");
            r.add("");
            r.add(KINDS[random.nextInt(KINDS.length)]);
            r.add(TOWNSHIPS[random.nextInt(TOWNSHIPS.length)]);
            r.add(WORDS[random.nextInt(WORDS.length)] + "社区");
            r.add("某某路" + (1 + random.nextInt(300)) + "号");
            r.add(random.nextInt(10) == 0 ? "罗平县工业园区" : "");
            r.add(String.valueOf((char) ('A' + random.nextInt(20))));
            r.add(random.nextInt(20) == 0 ? "是" : "否");
            r.add(random.nextInt(30) == 0 ? "停业" : "正常");
            r.add(String.valueOf(headcount));
            r.add(String.valueOf(members));
            r.add(String.valueOf(random.nextInt(2)));
            r.add(String.valueOf(random.nextInt(2)));
            r.add(String.valueOf(random.nextInt(3)));
            r.add("否");
            r.add(new String[]{"支持", "一般", "不支持"}[random.nextInt(3)]);
            r.add(random.nextBoolean() ? "有" : "无");
            r.add("未建立");
            r.add("");
            r.add(random.nextInt(4) == 0 ? "工会" : "");
            r.add("");
            r.add(members > 0 && random.nextBoolean() ? "2027-0" + (1 + random.nextInt(9)) + "-15" : "");
            r.add("");
            r.add("");
            r.add("");
            rows.add(r);
        }
        return rows;
    }
}
