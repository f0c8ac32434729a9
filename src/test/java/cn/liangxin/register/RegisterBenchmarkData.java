package cn.liangxin.register;

import cn.liangxin.division.County;
import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.organization.Uscc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes the market register (市场监管 export) of a province filled by {@code ProvinceGenerator}, for
 * the register reconciliation benchmark: one UTF-8 CSV per county, {@code register-<county>.csv}, N
 * lines in all, shared among the counties by their market organizations (enterprises, individual
 * businesses, cooperatives). Of a county's lines, about 88 % are its registry's market organizations
 * (most with their credit code, some with the code blank so that they match by name in their
 * township, a few with the legal form written differently), 3 % organizations active in the registry
 * that the register says are closed (注销, 吊销), 6 % new organizations at an address naming their
 * township, 2 % new ones at an address naming none (an industrial park), 1 % closed ones the
 * registry never held. When a county has too few registry organizations for its share, new
 * organizations in a township make up the rest. Deterministic: the same database, N and seed give
 * the same files.
 *
 * <p>Usage: {@code RegisterBenchmarkData N DIR [SEED] [PROVINCE]}, connection from DB_URL, DB_USER,
 * DB_PASSWORD. Prints the lines of each kind written.
 */
public final class RegisterBenchmarkData {

    static final String HEADER = "统一社会信用代码,企业名称,登记状态,住所,企业类型,成立日期,法定代表人,登记机关,所属行业,经营范围";
    private static final String SYMBOLS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String[] SURNAMES = words("李 王 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 罗 郑 梁 谢 宋 唐 许 韩"
            + " 冯 邓 曹 彭 曾 肖 田 董 袁 潘 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 普 者 李 段 字 杞");
    private static final String[] GIVEN = words("国 建 明 华 文 红 丽 芳 玉 春 金 永 志 海 云 平 德 成 秀 兰 福 贵 荣 昌 伟 军 勇"
            + " 涛 磊 琴 梅 艳 娟 强 林 鹏 斌 兴 发 顺");
    private static final String[] BRANDS = words("鑫源 恒通 宏达 兴旺 金穗 永盛 顺发 华信 祥和 瑞丰 益民 星火 万兴隆 佳禾 聚福"
            + " 腾飞 金鼎 汇丰 隆昌 嘉裕 盛世 天成 德润 福缘 和美 锦程 新纪元 众诚 康源 绿野 滇峰 云岭 高原 彩云 滇红 润泽 恒昌 博远");
    private static final String[] ENTERPRISE_TRADES = words("商贸 建材 物流 矿业 农业开发 食品 房地产开发 建筑工程 运输 电子科技"
            + " 生物科技 餐饮管理 旅游开发 茶业 烟草机械 新能源 劳务 广告传媒 汽车服务 医药");
    private static final String[] SHOPS = words("便利店 小吃店 五金店 服装店 建材经营部 农资店 副食店 烧烤店 理发店 汽修店 手机店"
            + " 水果店 米线店 药店 茶叶店 日用品店 早餐店 家电经营部 打印店 花店");
    private static final String[] PRODUCTS = words("蔬菜 油菜 生猪 肉牛 中药材 茶叶 烤烟 蜂蜜 核桃 水果 食用菌 花卉 山羊 小粒咖啡");
    private static final String[] PARKS = words("工业园区 物流园区 经济技术开发区 农产品交易市场 高新技术产业园 商贸城 创业园");
    private static final String[] INDUSTRIES = words("批发和零售业 制造业 住宿和餐饮业 建筑业 交通运输、仓储和邮政业 农、林、牧、渔业"
            + " 租赁和商务服务业 居民服务、修理和其他服务业 信息传输、软件和信息技术服务业 科学研究和技术服务业");
    private static final String[] SCOPES = words("日用百货销售 五金产品零售 建筑材料销售 农副产品销售 预包装食品销售 餐饮服务"
            + " 道路货物运输 农作物种植 牲畜饲养 中草药种植 茶叶种植 汽车修理与维护 家用电器销售 服装服饰零售 劳务服务 企业管理咨询"
            + " 广告设计、代理 技术服务、技术开发 普通货物仓储服务 水泥制品制造 食用农产品初加工 花卉种植 蔬菜种植 住宿服务");
    private static final String SCOPE_END = "（依法须经批准的项目，经相关部门批准后方可开展经营活动）";

    /** What the registry holds of one market organization. */
    private record Known(long id, String uscc, String name, String township, String kind, boolean closed, String address) {
    }

    private final Random r;
    private final County county;
    private final String stem;
    private final Set<String> names = new HashSet<>();
    private final Set<String> codes = new HashSet<>();
    /** Lines written by what they are: registry, closed, new in a township, new without one, inactive unknown. */
    final long[] made = new long[5];

    private RegisterBenchmarkData(County county, long seed) {
        this.county = county;
        this.r = new Random(seed * 1_000_003L + Long.parseLong(county.code()));
        this.stem = county.name().length() > 2 ? county.name().replaceAll("(自治县|县|区|市)$", "") : county.name();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/register-bench");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 2009;
        String province = args.length > 3 ? args[3] : "53";
        Files.createDirectories(dir);
        List<County> counties = new Divisions(() -> List.of(province)).counties();
        long[] total = new long[5];
        try (Connection c = DriverManager.getConnection(env("DB_URL"), env("DB_USER"), System.getenv().getOrDefault("DB_PASSWORD", ""))) {
            c.setAutoCommit(false);
            List<List<Known>> registry = new ArrayList<>();
            long market = 0;
            for (County county : counties) {
                registry.add(market(c, county.code()));
                market += registry.get(registry.size() - 1).size();
            }
            if (market == 0) {
                throw new IllegalStateException("the registry holds no market organizations of province " + province
                        + ": fill it first (bench/generate-province.sh)");
            }
            // N shared by the counties' market organizations, the remainder to the first ones
            int[] shares = new int[counties.size()];
            long given = 0;
            for (int i = 0; i < shares.length; i++) {
                shares[i] = (int) ((long) n * registry.get(i).size() / market);
                given += shares[i];
            }
            for (int i = 0; given < n; i = (i + 1) % shares.length, given++) {
                shares[i]++;
            }
            for (int i = 0; i < counties.size(); i++) {
                RegisterBenchmarkData county = new RegisterBenchmarkData(counties.get(i), seed);
                try (Writer out = Files.newBufferedWriter(dir.resolve("register-" + counties.get(i).code() + ".csv"),
                        StandardCharsets.UTF_8)) {
                    county.write(out, registry.get(i), shares[i]);
                }
                for (int k = 0; k < total.length; k++) {
                    total[k] += county.made[k];
                }
            }
        }
        System.out.printf(Locale.ROOT, "Register of %,d lines in %d files: %,d registry organizations, %,d closed in the register"
                        + " (active in the registry), %,d new in a township, %,d new naming no township, %,d closed and unknown%n",
                total[0] + total[1] + total[2] + total[3] + total[4], counties.size(), total[0], total[1], total[2], total[3],
                total[4]);
    }

    /** The county's market organizations, in id order. */
    private static List<Known> market(Connection c, String county) throws SQLException {
        List<Known> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id, uscc, name, township_code, kind, status = 'CLOSED', address"
                + " from organization where county_code = ? and kind in ('ENTERPRISE', 'INDIVIDUAL_BUSINESS',"
                + " 'FARMER_COOPERATIVE', 'OTHER_ECONOMIC') order by id")) {
            s.setString(1, county);
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Known(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBoolean(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    private void write(Writer out, List<Known> registry, int share) throws IOException {
        registry.forEach(k -> {
            names.add(k.name());
            if (k.uscc() != null) {
                codes.add(k.uscc());
            }
        });
        int closed = (int) Math.round(share * 0.03);
        int newInTownship = (int) Math.round(share * 0.06);
        int unaddressed = (int) Math.round(share * 0.02);
        int unknownClosed = (int) Math.round(share * 0.01);
        int known = share - closed - newInTownship - unaddressed - unknownClosed;
        List<Known> shuffled = new ArrayList<>(registry);
        Collections.shuffle(shuffled, r);
        List<String> lines = new ArrayList<>(share);
        int closedMade = 0;
        int knownMade = 0;
        for (Known k : shuffled) {
            if (closedMade < closed && !k.closed()) {
                lines.add(known(k, r.nextInt(10) < 7 ? "注销" : "吊销，未注销"));
                closedMade++;
            } else if (knownMade < known) {
                lines.add(known(k, k.closed() ? (r.nextInt(10) < 7 ? "注销" : "吊销，未注销") : r.nextInt(5) == 0 ? "在业" : "存续"));
                knownMade++;
            }
        }
        made[0] = knownMade;
        made[1] = closedMade;
        // too few registry organizations: new ones in a township make up the share
        newInTownship += known - knownMade + closed - closedMade;
        for (int i = 0; i < newInTownship; i++) {
            Township t = county.townships().get(r.nextInt(county.townships().size()));
            lines.add(fresh(t.name() + street(t), r.nextInt(5) == 0 ? "在业" : "存续"));
        }
        made[2] = newInTownship;
        for (int i = 0; i < unaddressed; i++) {
            lines.add(fresh(PARKS[r.nextInt(PARKS.length)] + (char) ('A' + r.nextInt(6)) + "区" + (1 + r.nextInt(80)) + "号",
                    "存续"));
        }
        made[3] = unaddressed;
        for (int i = 0; i < unknownClosed; i++) {
            Township t = county.townships().get(r.nextInt(county.townships().size()));
            lines.add(fresh(t.name() + street(t), r.nextInt(10) < 7 ? "注销" : "吊销，未注销"));
        }
        made[4] = unknownClosed;
        Collections.shuffle(lines, r);
        out.write(HEADER);
        out.write('\n');
        for (String line : lines) {
            out.write(line);
        }
    }

    /** A line of a registry organization: by its code, or with the code blank (matched by name), now and then a variant form. */
    private String known(Known k, String status) {
        String code = k.uscc();
        String name = k.name();
        int x = r.nextInt(100);
        if (code == null) {
            // the registry never recorded its code: the register has one, or leaves it blank too
            code = x < 70 ? code(k.kind()) : null;
        } else if (x < 8) {
            code = null;
            if (x < 2) {
                name = variant(name);
            }
        } else if (x < 10) {
            name = variant(name);
        }
        return line(code, name, status, address(k.address()), k.kind());
    }

    /** A new organization, at {@code address} (county named or not). */
    private String fresh(String address, String status) {
        int x = r.nextInt(100);
        String kind = x < 35 ? "ENTERPRISE" : x < 92 ? "INDIVIDUAL_BUSINESS" : "FARMER_COOPERATIVE";
        String name;
        do {
            name = switch (kind) {
                case "ENTERPRISE" -> (r.nextBoolean() ? county.name() : stem) + pick(BRANDS) + pick(ENTERPRISE_TRADES)
                        + (r.nextInt(10) < 7 ? "有限公司" : "有限责任公司");
                case "INDIVIDUAL_BUSINESS" -> county.name() + pick(SURNAMES) + pick(GIVEN) + pick(SHOPS);
                default -> county.name() + pick(BRANDS) + pick(PRODUCTS) + "种植养殖农民专业合作社";
            };
            if (names.contains(name)) {
                name = name.replaceFirst("(有限公司|有限责任公司|店|经营部|农民专业合作社)$", (1 + r.nextInt(99)) + "号$1");
            }
        } while (!names.add(name));
        return line(code(kind), name, status, address(address), kind);
    }

    private String line(String code, String name, String status, String address, String kind) {
        String type = switch (kind) {
            case "ENTERPRISE" -> r.nextInt(10) < 8 ? "有限责任公司(自然人投资或控股)" : "有限责任公司(自然人独资)";
            case "INDIVIDUAL_BUSINESS" -> "个体工商户";
            case "FARMER_COOPERATIVE" -> "农民专业合作社";
            default -> r.nextBoolean() ? "个人独资企业" : "普通合伙企业";
        };
        LocalDate founded = LocalDate.of(2000, 1, 1).plusDays(r.nextInt(9_400));
        StringBuilder scope = new StringBuilder();
        while (scope.length() < 24 + r.nextInt(24)) {
            scope.append(scope.isEmpty() ? "" : "；").append(pick(SCOPES));
        }
        scope.append("。").append(r.nextInt(3) == 0 ? SCOPE_END : "");
        return String.join(",", csv(code), csv(name), csv(status), csv(address), csv(type), founded.toString(),
                pick(SURNAMES) + pick(GIVEN) + (r.nextBoolean() ? pick(GIVEN) : ""), county.name() + "市场监督管理局",
                csv(pick(INDUSTRIES)), csv(scope.toString())) + "\n";
    }

    /** An address as the register writes it: most with the province and county before the registry's words. */
    private String address(String address) {
        int x = r.nextInt(10);
        return x < 6 ? "云南省" + county.name() + address : x < 9 ? county.name() + address : address;
    }

    private String street(Township t) {
        return t.name().endsWith("街道") ? pick(BRANDS) + "路" + (1 + r.nextInt(399)) + "号"
                : r.nextBoolean() ? pick(SURNAMES) + "家村" + (1 + r.nextInt(12)) + "组" : "集镇" + pick(BRANDS) + "街" + (1 + r.nextInt(120)) + "号";
    }

    /** The other legal form: 有限公司 ↔ 有限责任公司; the name itself otherwise. */
    private static String variant(String name) {
        return name.endsWith("有限责任公司") ? name.replaceFirst("有限责任公司$", "有限公司")
                : name.endsWith("有限公司") ? name.replaceFirst("有限公司$", "有限责任公司") : name;
    }

    /** A new credit code issued by the county: the kind's head, the county, nine symbols, the check character. */
    private String code(String kind) {
        String head = switch (kind) {
            case "INDIVIDUAL_BUSINESS" -> "92";
            case "FARMER_COOPERATIVE" -> "93";
            default -> "91";
        };
        String code;
        do {
            StringBuilder b = new StringBuilder(head).append(county.code());
            while (b.length() < 17) {
                b.append(SYMBOLS.charAt(r.nextInt(SYMBOLS.length())));
            }
            code = b.append(Uscc.checkCharacter(b.toString())).toString();
        } while (!codes.add(code));
        return code;
    }

    private static String csv(String v) {
        if (v == null) {
            return "";
        }
        return v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 ? v : '"' + v.replace("\"", "\"\"") + '"';
    }

    private String pick(String[] words) {
        return words[r.nextInt(words.length)];
    }

    private static String[] words(String s) {
        return s.split(" ");
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return v;
    }
}
