package cn.liangxin.demo;

import cn.liangxin.division.County;
import cn.liangxin.division.Township;
import cn.liangxin.organization.Uscc;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's market register (市场监管名录), as the county's market regulation office would export it
 * this month, so that 一个不能少 shows what it is for: nearly every active enterprise, shop and
 * cooperative of the registry; some written with another legal form; some the register says are
 * gone (注销, 吊销) while the registry still counts them; some the survey never found, in their
 * townships; a few whose address names no township (an industrial park, a logistics park); a few
 * closed long ago; a few of the next county; one written so like a registry organization that a
 * person is asked whether it is the same. The same seed gives the same file.
 */
final class DemoRegister {

    private static final String[] HEADS = {"鑫", "宏", "兴", "源", "恒", "顺", "瑞", "丰", "盛", "达", "福", "隆", "云", "滇", "金", "润"};
    private static final String[] MIDS = {"泰", "华", "昌", "祥", "和", "安", "信", "茂", "康", "利", "佳", "新", "晟", "凯", "宇", "博"};
    private static final String[] TRADES = {"商贸", "农业开发", "建材", "物流", "餐饮管理", "家庭农场", "汽车维修", "电子商务", "种植",
            "养殖", "文化传媒", "装饰工程", "茶叶", "食品加工", "旅游开发", "五金"};
    private static final String[] STREETS = {"振兴路", "九龙大道", "集镇街", "新街", "老街", "兴业路", "南盘江路", "腊庄路"};
    private static final String SYMBOLS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private DemoRegister() {
    }

    /** Writes the register of {@code county} to a CSV file (UTF-8, a title row above the header). */
    static Path write(Connection c, County county, Path file, long seed) throws SQLException, IOException {
        Random r = new Random(seed);
        List<String[]> lines = new ArrayList<>();
        List<Township> townships = county.townships();
        int n = 0;
        try (PreparedStatement s = c.prepareStatement("select name, uscc, kind, township_code, address from organization"
                + " where county_code = ? and status <> 'CLOSED'"
                + " and kind in ('ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'FARMER_COOPERATIVE', 'OTHER_ECONOMIC') order by id")) {
            s.setString(1, county.code());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    n++;
                    double x = r.nextDouble();
                    if (x < 0.015) {
                        continue; // not in this month's export
                    }
                    String name = rs.getString(1);
                    String status = x < 0.035 ? (r.nextBoolean() ? "注销" : "吊销，未注销") : "存续（在营、开业、在册）";
                    String code = rs.getString(2);
                    if (x > 0.985 && name.endsWith("有限公司") && !name.endsWith("有限责任公司")) {
                        // the legal form written out: by its code a mismatch to see; without, a proposal to confirm
                        name = name.substring(0, name.length() - 4) + "有限责任公司";
                        code = x > 0.99 ? code : null;
                    }
                    String township = townshipName(townships, rs.getString(4));
                    String address = rs.getString(5) != null && !rs.getString(5).isBlank() ? rs.getString(5)
                            : county.name() + township + STREETS[r.nextInt(STREETS.length)] + (1 + r.nextInt(200)) + "号";
                    lines.add(line(code, name, status, address, type(rs.getString(3)), r));
                }
            }
        }
        // found by no survey: about one in twenty, in their townships
        for (int i = 0; i < Math.max(12, n / 20); i++) {
            Township t = townships.get(r.nextInt(townships.size()));
            boolean shop = r.nextInt(3) == 0;
            String name = county.name() + t.name().replaceAll("(镇|乡|街道)$", "") + pick(r, HEADS) + pick(r, MIDS)
                    + (shop ? "便民店" : pick(r, TRADES) + (r.nextInt(4) == 0 ? "专业合作社" : "有限公司"));
            lines.add(line(uscc(shop ? "92" : name.endsWith("合作社") ? "93" : "91", county.code(), r), name,
                    "存续（在营、开业、在册）", county.name() + t.name() + STREETS[r.nextInt(STREETS.length)] + (1 + r.nextInt(300)) + "号",
                    shop ? "个体工商户" : name.endsWith("合作社") ? "农民专业合作社" : "有限责任公司(自然人投资或控股)", r));
        }
        // addresses naming no township: for a keyword rule (工业园区 → the township it lies in)
        for (int i = 0; i < 6; i++) {
            String park = i < 4 ? "工业园区" : "物流园";
            String name = county.name() + pick(r, HEADS) + pick(r, MIDS) + pick(r, TRADES) + "有限公司";
            lines.add(line(uscc("91", county.code(), r), name, "存续", county.name() + park + (char) ('A' + i) + "栋",
                    "有限责任公司(自然人投资或控股)", r));
        }
        // closed long ago, never in the registry
        for (int i = 0; i < 8; i++) {
            Township t = townships.get(r.nextInt(townships.size()));
            lines.add(line(uscc("92", county.code(), r), county.name() + pick(r, HEADS) + pick(r, MIDS) + "小卖部", "注销",
                    county.name() + t.name() + STREETS[r.nextInt(STREETS.length)] + (1 + r.nextInt(99)) + "号", "个体工商户", r));
        }
        // the next county's, exported with this one's by mistake
        for (int i = 0; i < 3; i++) {
            lines.add(line(uscc("91", "530322", r), "陆良县" + pick(r, HEADS) + pick(r, MIDS) + pick(r, TRADES) + "有限公司", "存续",
                    "曲靖市陆良县马街镇老街" + (i + 1) + "号", "有限责任公司(自然人投资或控股)", r));
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(county.name() + "市场主体登记名录（演示）\r\n");
            w.write("统一社会信用代码,企业名称,登记状态,住所,企业类型,成立日期,法定代表人\r\n");
            for (String[] l : lines) {
                w.write(String.join(",", l));
                w.write("\r\n");
            }
        }
        return file;
    }

    private static String[] line(String uscc, String name, String status, String address, String type, Random r) {
        String founded = String.format("%d-%02d-%02d", 2000 + r.nextInt(26), 1 + r.nextInt(12), 1 + r.nextInt(28));
        String person = "" + "张王李赵刘陈杨黄周吴".charAt(r.nextInt(10)) + "某" + "明华强芳军丽伟敏".charAt(r.nextInt(8));
        return new String[]{uscc == null ? "" : uscc, csv(name), csv(status), csv(address), csv(type), founded, person};
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String type(String kind) {
        return switch (kind) {
            case "INDIVIDUAL_BUSINESS" -> "个体工商户";
            case "FARMER_COOPERATIVE" -> "农民专业合作社";
            default -> "有限责任公司(自然人投资或控股)";
        };
    }

    private static String townshipName(List<Township> townships, String code) {
        return townships.stream().filter(t -> t.code().equals(code)).map(Township::name).findFirst().orElse("");
    }

    private static String pick(Random r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    /** A well-formed code of a county: its kind, the county, ten symbols and the check character. */
    private static String uscc(String head, String county, Random r) {
        StringBuilder code = new StringBuilder(head).append(county);
        while (code.length() < 17) {
            code.append(SYMBOLS.charAt(r.nextInt(SYMBOLS.length())));
        }
        return code.append(Uscc.checkCharacter(code.toString())).toString();
    }
}
