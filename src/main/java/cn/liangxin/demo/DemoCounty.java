package cn.liangxin.demo;

import cn.liangxin.organization.Kind;
import cn.liangxin.organization.MassOrganization;
import cn.liangxin.organization.OwnerAttitude;
import cn.liangxin.organization.Sector;
import cn.liangxin.organization.Status;
import cn.liangxin.organization.Uscc;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;
import cn.liangxin.rules.Thresholds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Deterministic generator of a believable demo county of 两新 organizations and party organizations:
 * 罗平县 with its own places, any other county with its name, its townships' names and the streets,
 * parks and markets a county town has.
 */
public final class DemoCounty {

    public static final long DEFAULT_SEED = 2009L;
    public static final int DEFAULT_ORGANIZATIONS = 1000;
    public static final String LUOPING = "530324";
    public static final List<Township> LUOPING_TOWNSHIPS = List.of(
            new Township("530324001", "罗雄街道"), new Township("530324002", "腊山街道"),
            new Township("530324003", "九龙街道"), new Township("530324102", "板桥镇"),
            new Township("530324103", "马街镇"), new Township("530324104", "富乐镇"),
            new Township("530324106", "阿岗镇"), new Township("530324201", "大水井乡"),
            new Township("530324202", "鲁布革布依族苗族乡"), new Township("530324203", "旧屋基彝族乡"),
            new Township("530324204", "钟山乡"), new Township("530324205", "长底布依族乡"),
            new Township("530324206", "老厂乡"));

    /** A township (乡镇/街道): 9-digit statistical division code and name; the first one is the county seat. */
    public record Township(String code, String name) { }

    /** One 两新 organization with the columns of table {@code organization}. */
    public record Organization(String townshipCode, String name, String uscc, Kind kind, Sector sector, String community,
                               String address, String building, String industry, boolean aboveScale, Status status,
                               int headcount, int formalMembers, int probationaryMembers, int membersElsewhere, int activists,
                               boolean ownerIsMember, OwnerAttitude ownerAttitude, boolean secretaryCandidate,
                               String massOrganizations, String instructor, LocalDate plannedFormationOn,
                               String notPlannedReason, String responsible, String notes) { }

    /**
     * One party organization; {@code covers} holds indexes into {@link Result#organizations()}, its host
     * first (the organization it sits in or the association it relies on), whose sector is its sector.
     */
    public record PartyOrganization(String townshipCode, String name, PartyLevel level, Formation formation,
                                    LocalDate foundedOn, LocalDate dissolvedOn, String secretary, List<Integer> covers) {
        public boolean active() {
            return dissolvedOn == null;
        }
    }

    /** A generated county. */
    public record Result(String countyCode, List<Organization> organizations, List<PartyOrganization> partyOrganizations) { }

    // Seed 001's 2009 county figures, per 1,000 organizations; 93 of its 1,001 are social organizations.
    private static final double SOCIAL_SHARE = 93 / 1001.0;
    private static final int ECONOMIC_HEADCOUNT = 31_300, SOCIAL_HEADCOUNT = 1_064, ECONOMIC_MEMBERS = 510, SOCIAL_MEMBERS = 158;
    private static final int HEADCOUNT_CAP = 900;
    private static final String SYMBOLS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // Trade words end in the GB/T 4754 section letter of the trade.
    private static final String[] ENTERPRISE_TRADES = words("煤业B 矿业B 建材C 水泥C 食品C 油脂C 蜂业C 茶业C 机械制造C 印务C "
            + "建筑工程E 房地产开发K 运输G 物流G 商贸F 汽车销售F 农业开发A 生物科技M 电力D 水电开发D 酒店管理H 旅游开发N "
            + "环保科技N 信息技术I 劳务服务L");
    private static final String[] SHOPS = words("五金经营部F 建材经营部F 便利店F 百货商店F 农资经营部F 服装店F 手机经营部F "
            + "烟酒商店F 家具店F 蜂蜜经营部F 茶叶店F 餐馆H 小吃店H 米线馆H 烧烤店H 火锅店H 农家乐H 客栈H 汽车修理部O "
            + "摩托车修理部O 理发店O 洗车店O 养殖场A");
    private static final String[] OTHER_ECONOMIC_TRADES = words("家庭农场A 砖厂C 采石场B 木材加工厂C 种养殖场A");
    private static final String[] PRIVATE_UNITS = words("幼儿园P 双语幼儿园P 小学P 中学P 职业培训学校P 培训中心P "
            + "艺术培训学校P 驾驶员培训学校P 医院Q 中医医院Q 诊所Q 养老院Q 康复中心Q 社会工作服务中心S");
    private static final String[] PRODUCTS = words("油菜种植 生姜种植 小黄姜种植 烤烟种植 蔬菜种植 茶叶种植 魔芋种植 "
            + "核桃种植 花椒种植 中药材种植 蓝莓种植 生猪养殖 肉牛养殖 山羊养殖 蜜蜂养殖 土鸡养殖 水产养殖 农机服务 蜂产品产销");
    private static final String[] ASSOCIATIONS = words("蜂产业 砖沙 个体劳动者 私营企业 餐饮行业 道路运输 油菜花旅游 "
            + "烤烟产业 小黄姜产业 摄影家 书法家 老年体育 青年创业 建筑业 家政服务 电子商务 种养殖 民族文化 商贸流通");
    private static final String[] PROVINCES = words("浙江 四川 福建 贵州 湖南 江西 广东 重庆 河南");
    private static final String[] FOUNDATIONS = words("教育发展 慈善 助学 扶贫济困 文化发展 乡村振兴");
    private static final String[] OTHER_SOCIAL = words("志愿服务队 文艺队 红白理事会 邻里互助会 调解服务站");
    // 罗平县's own places; another county's are made from its name and its townships' (see Words)
    private static final String[] PLACES = words("滇东 九龙 多依河 鲁布革 金鸡峰 腊山 白腊山 珠江源 十万峰 万峰湖 油菜花 花海 牛街 罗雄");
    private static final String[] BRANDS = words("鑫源 恒通 宏达 兴旺 金穗 永盛 顺发 华信 祥和 瑞丰 益民 星火 万兴隆 "
            + "富源 聚福 天成 隆鑫 昌盛 佳和 金鼎 鸿运 汇丰 福泰 众诚");
    private static final String[] REGIONS = words("罗平县 云南罗平 罗平 曲靖");
    private static final String[] BUILDINGS = words("罗平县工业园区 九龙商贸城 金鸡峰商务大厦 滇东物流园 "
            + "罗平县农特产品交易市场 腊山创业园 多依河电商产业园");
    private static final String[] BLOCKS = words("A栋 B栋 C区 D区");
    private static final String[] ROADS = words("九龙大道 振兴路 迎宾路 星座路 滇黔路 金鸡路 东风路 南城路 腊庄路 环城东路 罗雄路 花海大道");
    private static final String[] TOWN_STREETS = words("新街 老街 兴业路 农贸市场 集镇街");
    private static final String[] SYLLABLE1 = words("大 小 新 老 上 下 长 白 黄 青 石 松 阿 法 品 鲁 多 木 龙 牛 马 羊 黑 红 沙 格 补");
    private static final String[] SYLLABLE2 = words("坡 寨 箐 坝 冲 河 塘 沟 田 山 营 哨 街 桥 岗 嘎 德 洞 渡 依 乐 屯");
    private static final String[] SURNAMES = words("李 王 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 罗 郑 梁 谢 宋 "
            + "唐 许 邓 冯 韩 曹 彭 曾 肖 田 董 袁 潘 蒋 蔡 余 杜 叶 程 魏 苏 吕 丁 沈 姚 卢 钟 陆 范 石 廖 夏 韦 付 方 "
            + "白 熊 秦 江 段 雷 侯 龙 陶 贺 毛 龚 万 严 武 孔 向 汤 岑 普");
    private static final String[] GIVEN = words("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 "
            + "兰 云 红 文 国 春 建 志 海 荣 林 昌 德 福 兴 贵 琼 仙 发 贤");
    private static final String[] FEW_MEMBER_REASONS = {"党员不足3名，待与相邻单位联合组建", "党员组织关系仍在原籍，尚未转入"};
    private static final String[] BRANCH_REASONS = {"缺少合适的支部书记人选", "党员流动性大，组织关系未转入"};
    private static final String[] NOTES = {"2024年年检已核实", "联系电话待补充", "业主常年在外，由店长代为填报", "已迁入新址"};

    private final String county;
    private final Words words;
    private final List<Township> townships;
    // java.util.Random because its algorithm, nextGaussian included, is fixed by its specification.
    private final Random r;
    private final Thresholds t = Thresholds.SEED;
    private final Map<String, List<String>> communities = new LinkedHashMap<>();
    private final Map<String, List<String>> buildings = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final List<Draft> orgs = new ArrayList<>();
    private final List<Party> parties = new ArrayList<>();

    private DemoCounty(String county, Words words, List<Township> townships, long seed) {
        this.county = county;
        this.words = words;
        this.townships = townships;
        this.r = new Random(seed);
    }

    /** Generates {@link #DEFAULT_ORGANIZATIONS} organizations. */
    public static Result generate(String countyCode, List<Township> townships, long seed) {
        return generate(countyCode, townships, seed, DEFAULT_ORGANIZATIONS);
    }

    /** As {@link #generate(String, String, List, long, int)}, named with 罗平县's words (whatever the code). */
    public static Result generate(String countyCode, List<Township> townships, long seed, int organizations) {
        return generate(countyCode, LUOPING_NAME, townships, seed, organizations);
    }

    /**
     * Generates a county shaped like seed 001's 2009 figures scaled to {@code organizations}. The three
     * anchor organizations (≥ 100, ≥ 50 and ≥ 50 formal members) are always there, so member totals
     * follow the figures only from a few hundred organizations up.
     */
    public static Result generate(String countyCode, String countyName, List<Township> townships, long seed,
                                  int organizations) {
        if (countyCode == null || !countyCode.matches("\\d{6}")) {
            throw new IllegalArgumentException("county code must be 6 digits: " + countyCode);
        }
        if (townships.isEmpty() || organizations < Math.max(50, 5 * townships.size())) {
            throw new IllegalArgumentException("need townships and at least 50 organizations, 5 per township");
        }
        for (Township tw : townships) {
            if (!tw.code().matches("\\d{9}") || !tw.code().startsWith(countyCode)) {
                throw new IllegalArgumentException("township " + tw.code() + " is not in county " + countyCode);
            }
        }
        if (countyName == null || countyName.isBlank()) {
            throw new IllegalArgumentException("county " + countyCode + " needs its name");
        }
        return new DemoCounty(countyCode, Words.of(countyName, townships), List.copyOf(townships), seed).build(organizations);
    }

    private Result build(int n) {
        places();
        createOrganizations(n);
        formPartyOrganizations(n);
        fitMembers(Sector.ECONOMIC, scaled(ECONOMIC_MEMBERS, n));
        fitMembers(Sector.SOCIAL, scaled(SOCIAL_MEMBERS, n));
        orgs.forEach(this::memberFacts);
        fitHeadcounts(Sector.ECONOMIC, scaled(ECONOMIC_HEADCOUNT, n));
        fitHeadcounts(Sector.SOCIAL, scaled(SOCIAL_HEADCOUNT, n));
        Set<String> usccs = new HashSet<>();
        for (Draft d : orgs) {
            surveyAnswers(d);
            if (chance(d.kind == Kind.INDIVIDUAL_BUSINESS ? 0.62 : 0.82)) {
                do {
                    d.uscc = uscc(d.kind);
                } while (!usccs.add(d.uscc));
            }
        }
        return new Result(county, orgs.stream().map(Draft::freeze).toList(), parties.stream().map(Party::freeze).toList());
    }

    private void places() {
        List<String> urban = new ArrayList<>();
        for (int i = 0; i < townships.size(); i++) {
            Township tw = townships.get(i);
            boolean street = tw.name().endsWith("街道");
            if (street) urban.add(tw.code());
            List<String> list = new ArrayList<>();
            for (int size = i == 0 ? 10 : between(4, 8); list.size() < size; ) {
                String c = pick(SYLLABLE1) + pick(SYLLABLE2) + (street && chance(0.7) ? "社区" : "村委会");
                if (list.stream().noneMatch(x -> x.regionMatches(0, c, 0, 2))) list.add(c);
            }
            communities.put(tw.code(), list);
            buildings.put(tw.code(), new ArrayList<>());
        }
        if (urban.isEmpty()) urban.add(townships.get(0).code());
        for (int i = 0; i < words.buildings().length; i++) {
            buildings.get(urban.get(i % urban.size())).add(words.buildings()[i]);
        }
    }

    private void createOrganizations(int n) {
        int social = (int) Math.round(n * SOCIAL_SHARE);
        List<Kind> kinds = new ArrayList<>();
        add(kinds, Kind.INDIVIDUAL_BUSINESS, n - social - add(kinds, Kind.ENTERPRISE, n * 0.30)
                - add(kinds, Kind.FARMER_COOPERATIVE, n * 0.08) - add(kinds, Kind.OTHER_ECONOMIC, n * 0.01));
        add(kinds, Kind.SOCIAL_GROUP, social - add(kinds, Kind.PRIVATE_NON_ENTERPRISE, n * 0.040)
                - add(kinds, Kind.FOUNDATION, n * 0.002) - add(kinds, Kind.LAW_FIRM, n * 0.004)
                - add(kinds, Kind.ACCOUNTING_FIRM, n * 0.003) - add(kinds, Kind.OTHER_SOCIAL, n * 0.008));
        Collections.shuffle(kinds, r);
        // Every township gets a floor; the rest leans to the county seat, then the streets, then the towns.
        int floor = Math.min(5, n / (townships.size() * 10));
        int[] counts = new int[townships.size()];
        double[] weights = new double[townships.size()];
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            String name = townships.get(i).name();
            counts[i] = floor;
            weights[i] = i == 0 ? 6 : name.endsWith("街道") ? 2.5 : name.endsWith("镇") ? 1.5 : 1;
            sum += weights[i];
        }
        for (int k = floor * counts.length; k < n; k++) {
            double x = r.nextDouble() * sum;
            int i = 0;
            while (i < counts.length - 1 && (x -= weights[i]) >= 0) {
                i++;
            }
            counts[i]++;
        }
        for (int i = 0, k = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i]; j++) {
                orgs.add(organization(kinds.get(k++), townships.get(i)));
            }
        }
        List<Draft> shuffled = new ArrayList<>(orgs);
        Collections.shuffle(shuffled, r);
        int closed = (int) Math.round(n * 0.03);
        for (int i = 0; i < closed + Math.round(n * 0.04); i++) {
            shuffled.get(i).status = i < closed ? Status.CLOSED : Status.SUSPENDED;
        }
    }

    private Draft organization(Kind kind, Township tw) {
        Draft d = new Draft(orgs.size(), kind, tw.code());
        d.community = pick(communities.get(tw.code()));
        String base = d.community.substring(0, 2);
        List<String> here = buildings.get(tw.code());
        if (!here.isEmpty() && chance(0.3)) {
            d.building = pick(here);
            d.address = tw.name() + d.building + pick(BLOCKS) + between(101, 699) + "号";
        } else if (tw.name().endsWith("街道")) {
            d.address = tw.name() + pick(words.roads()) + between(1, 399) + "号";
        } else {
            d.address = tw.name() + (chance(0.5) ? base + "村" + between(1, 12) + "组" : pick(TOWN_STREETS) + between(1, 120) + "号");
        }
        for (int tries = 0; d.name == null || !names.add(d.name); tries++) {
            d.name = name(d, tw, base);
            if (tries > 20) {
                // The small name spaces (associations, foundations) run out in big counties: add the village.
                for (String region : words.regions()) {
                    if (d.name.startsWith(region)) {
                        d.name = region + base + d.name.substring(region.length());
                        break;
                    }
                }
            }
        }
        d.headcount = switch (kind) {
            case INDIVIDUAL_BUSINESS -> Math.min(30, 1 + (int) Math.exp(0.8 + 0.7 * r.nextGaussian()));
            case ENTERPRISE -> lognormal(40, 1.1, 3, 800);
            case FARMER_COOPERATIVE -> lognormal(12, 0.7, 5, 150);
            case OTHER_ECONOMIC -> lognormal(8, 0.6, 2, 60);
            case PRIVATE_NON_ENTERPRISE -> lognormal(15, 0.7, 3, 200);
            case LAW_FIRM, ACCOUNTING_FIRM -> lognormal(7, 0.4, 3, 30);
            default -> lognormal(3, 0.6, 1, 30);
        };
        return d;
    }

    private String name(Draft d, Township tw, String base) {
        String trade = switch (d.kind) {
            case ENTERPRISE -> pick(ENTERPRISE_TRADES);
            case INDIVIDUAL_BUSINESS -> pick(SHOPS);
            case FARMER_COOPERATIVE -> pick(PRODUCTS) + "农民专业合作社A";
            case OTHER_ECONOMIC -> pick(OTHER_ECONOMIC_TRADES);
            case SOCIAL_GROUP -> pick(ASSOCIATIONS) + "协会S";
            case PRIVATE_NON_ENTERPRISE -> pick(PRIVATE_UNITS);
            case FOUNDATION -> pick(FOUNDATIONS) + "基金会S";
            case LAW_FIRM -> "律师事务所L";
            case ACCOUNTING_FIRM -> "会计师事务所有限公司L";
            case OTHER_SOCIAL -> pick(OTHER_SOCIAL) + "S";
        };
        d.industry = trade.substring(trade.length() - 1);
        String w = trade.substring(0, trade.length() - 1);
        return switch (d.kind) {
            case ENTERPRISE -> pick(words.regions()) + brand(tw) + w + (chance(0.7) ? "有限公司" : "有限责任公司");
            case INDIVIDUAL_BUSINESS -> words.county() + tw.name()
                    + (chance(0.6) ? pick(SURNAMES) + (chance(0.5) ? "记" : "氏") : pick(BRANDS)) + w;
            case FARMER_COOPERATIVE -> words.county() + tw.name() + base + w;
            case OTHER_ECONOMIC -> words.county() + tw.name() + (chance(0.5) ? pick(SURNAMES) + "氏" : base) + w;
            case SOCIAL_GROUP -> {
                double x = r.nextDouble();
                yield x < 0.15 ? words.county() + pick(PROVINCES) + "商会" : x < 0.25 ? words.county() + tw.name() + "商会"
                        : words.county() + (chance(0.5) ? tw.name() : "") + w;
            }
            case PRIVATE_NON_ENTERPRISE -> words.county() + brand(tw) + w;
            case FOUNDATION -> words.county() + (chance(0.5) ? brand(tw) : "") + w;
            case LAW_FIRM, ACCOUNTING_FIRM -> pick(words.regions()) + brand(tw) + w;
            case OTHER_SOCIAL -> words.county() + tw.name() + d.community + w;
        };
    }

    private void formPartyOrganizations(int n) {
        List<Draft> large = free(d -> d.kind == Kind.ENTERPRISE && d.status == Status.OPERATING);
        large.sort(Comparator.comparingInt((Draft d) -> -d.headcount));
        anchor(large.get(0), t.committeeMinMembers() + between(3, 15), PartyLevel.COMMITTEE, between(600, 800), 2004);
        // Still a branch though its members call for a general branch: the "upgrade" gap.
        anchor(large.get(1), t.generalBranchMinMembers() + between(2, 8), PartyLevel.BRANCH, between(300, 500), 2006);
        large = free(d -> d.sector == Sector.SOCIAL && d.status == Status.OPERATING);
        large.sort(Comparator.comparingInt((Draft d) -> d.kind == Kind.PRIVATE_NON_ENTERPRISE ? -d.headcount : 0));
        anchor(large.get(0), t.generalBranchMinMembers() + between(0, 4), PartyLevel.GENERAL_BRANCH, between(100, 160), 2008);

        // Joint branches: small organizations of one park or building, else of one township.
        Map<String, List<Draft>> byBuilding = new LinkedHashMap<>(), byTownship = new LinkedHashMap<>();
        for (Draft d : free(d -> d.sector == Sector.ECONOMIC && d.kind != Kind.FARMER_COOPERATIVE)) {
            (d.building != null ? byBuilding : byTownship).computeIfAbsent(d.township + d.building, k -> new ArrayList<>()).add(d);
        }
        List<List<Draft>> groups = new ArrayList<>(byBuilding.values()), fallback = new ArrayList<>(byTownship.values());
        Collections.shuffle(groups, r);
        Collections.shuffle(fallback, r);
        groups.addAll(fallback);
        groups.removeIf(g -> g.size() < 3);
        for (List<Draft> group : groups.subList(0, Math.min(groups.size(), Math.max(1, (int) Math.round(n * 0.003))))) {
            Collections.shuffle(group, r);
            Draft host = group.get(0);
            String name = host.building != null ? host.building + "联合党支部" : townshipName(host.township) + "非公企业联合党支部";
            cover(group, between(3, Math.min(6, group.size())), host, name, Formation.JOINT, date(2012, 2024));
        }
        Map<String, List<Draft>> byVillage = new LinkedHashMap<>();
        for (Draft d : free(d -> d.sector == Sector.ECONOMIC && d.community.endsWith("村委会"))) {
            byVillage.computeIfAbsent(d.township + d.community, k -> new ArrayList<>()).add(d);
        }
        List<List<Draft>> villages = byVillage.values().stream().filter(g -> g.size() >= 2).toList();
        if (!villages.isEmpty()) {
            List<Draft> village = new ArrayList<>(pick(villages));
            Collections.shuffle(village, r);
            Draft host = village.get(0);
            String name = townshipName(host.township) + host.community.replace("村委会", "村") + "企联建党支部";
            cover(village, between(2, Math.min(4, village.size())), host, name, Formation.TERRITORIAL, date(2010, 2022));
        }
        List<Draft> associations = free(d -> d.kind == Kind.SOCIAL_GROUP && d.name.endsWith("协会"));
        if (!associations.isEmpty()) {
            Draft association = pick(associations);
            List<Draft> members = free(d -> d.kind == Kind.FARMER_COOPERATIVE || d.kind == Kind.INDIVIDUAL_BUSINESS);
            Collections.shuffle(members, r);
            members.add(0, association);
            cover(members, 1 + between(2, 4), association, association.name + "党支部", Formation.RELIANT, date(2009, 2020));
        }

        // Organizations with enough members for their own branch, larger ones likelier; some still without one.
        int econCovered = (int) Math.round(n * 0.033) - 2, socialCovered = (int) Math.round(n * 0.004) - 1;
        List<Draft> econ = sample(free(d -> d.sector == Sector.ECONOMIC && d.kind != Kind.INDIVIDUAL_BUSINESS),
                econCovered + Math.max(1, (int) Math.round(n * 0.006)) + 1, 0);
        List<Draft> social = sample(free(d -> d.sector == Sector.SOCIAL && d.kind != Kind.FOUNDATION),
                socialCovered + Math.max(1, (int) Math.round(n * 0.003)), 0);
        for (List<Draft> picked : List.of(econ, social)) {
            for (int i = 0; i < picked.size(); i++) {
                Draft d = picked.get(i);
                d.formal = t.branchMinMembers() + Math.min(37, (int) (Math.log(1 - r.nextDouble()) / Math.log(0.7)));
                d.assigned = true;
                if (i < (picked == econ ? econCovered : socialCovered)) {
                    independent(d, PartyLevel.BRANCH, date(2003, 2025), null);
                } else if (picked == econ && i == picked.size() - 1) {
                    // 刚建了、又散了: the branch went when production stopped.
                    d.status = Status.SUSPENDED;
                    d.notes = "原党支部因企业停产撤销，党员待重新组织";
                    LocalDate founded = date(2008, 2015);
                    independent(d, PartyLevel.BRANCH, founded, founded.plusYears(between(2, 6)).plusDays(between(0, 200)));
                }
            }
        }
        orgs.stream().filter(d -> d.status == Status.CLOSED && d.sector == Sector.ECONOMIC && !d.assigned)
                .min(Comparator.comparing((Draft d) -> d.kind != Kind.ENTERPRISE)).ifPresent(d -> {
                    d.formal = between(t.branchMinMembers(), t.branchMinMembers() + 2);
                    d.assigned = true;
                    d.notes = "企业已注销，党支部随之撤销";
                    LocalDate founded = date(2006, 2014);
                    independent(d, PartyLevel.BRANCH, founded, founded.plusYears(between(1, 5)).plusDays(between(0, 200)));
                });
        for (Sector sector : Sector.values()) {
            int target = (int) Math.round(n * (sector == Sector.ECONOMIC ? 0.10 : 0.025));
            long have = orgs.stream().filter(d -> d.sector == sector && d.formal > 0 && d.formal < t.branchMinMembers()).count();
            List<Draft> pool = new ArrayList<>(orgs.stream().filter(d -> d.sector == sector && !d.assigned).toList());
            for (Draft d : sample(pool, (int) Math.max(0, target - have), 3)) {
                d.formal = chance(0.3) ? 2 : 1;
                d.assigned = true;
            }
        }
    }

    private void anchor(Draft d, int members, PartyLevel level, int headcount, int year) {
        d.formal = members;
        d.fixed = d.assigned = true;
        d.headcount = Math.max(d.headcount, headcount);
        independent(d, level, date(year, year + 4), null);
    }

    private void independent(Draft d, PartyLevel level, LocalDate founded, LocalDate dissolved) {
        String suffix = switch (level) {
            case BRANCH -> "党支部";
            case GENERAL_BRANCH -> "党总支";
            case COMMITTEE -> "党委";
        };
        parties.add(new Party(d.township, d.name + suffix, level, Formation.INDEPENDENT, founded, dissolved, person(), List.of(d)));
    }

    private void cover(List<Draft> group, int size, Draft host, String name, Formation formation, LocalDate founded) {
        List<Draft> covered = List.copyOf(group.subList(0, Math.min(size, group.size())));
        for (Draft d : covered) {
            d.formal = chance(0.3) ? 2 : 1;
            d.assigned = true;
        }
        parties.add(new Party(host.township, name, PartyLevel.BRANCH, formation, founded, null, person(), covered));
    }

    private void fitMembers(Sector sector, int target) {
        List<Draft> adjustable = orgs.stream().filter(d -> d.sector == sector && !d.fixed && d.status != Status.CLOSED
                && d.formal >= t.branchMinMembers()).toList();
        int diff = target - orgs.stream().filter(d -> d.sector == sector).mapToInt(d -> d.formal).sum();
        int cap = t.generalBranchMinMembers() - 2 * t.approachMargin();
        for (int guard = 0; diff != 0 && !adjustable.isEmpty() && guard < 100_000; guard++) {
            Draft d = pick(adjustable);
            int step = diff > 0 && d.formal < cap ? 1 : diff < 0 && d.formal > t.branchMinMembers() ? -1 : 0;
            d.formal += step;
            diff -= step;
        }
    }

    private void memberFacts(Draft d) {
        boolean enough = d.formal >= t.branchMinMembers();
        d.probationary = enough ? (chance(0.35) ? between(1, 1 + d.formal / 20) : 0) : chance(d.formal > 0 ? 0.2 : 0.01) ? 1 : 0;
        d.elsewhere = chance(Math.min(0.5, 0.03 + d.headcount / 200.0)) ? between(1, Math.min(6, 1 + d.headcount / 50)) : 0;
        d.headcount = Math.max(d.headcount, d.minimumHeadcount());
    }

    private void fitHeadcounts(Sector sector, int target) {
        // Individual businesses keep their few staff; the larger kinds absorb the difference, keeping their shape.
        Predicate<Draft> scales = d -> !d.fixed && d.kind != Kind.INDIVIDUAL_BUSINESS;
        List<Draft> scalable = orgs.stream().filter(d -> d.sector == sector && scales.test(d)).toList();
        long rest = orgs.stream().filter(d -> d.sector == sector && !scales.test(d)).mapToInt(d -> d.headcount).sum();
        long mins = scalable.stream().mapToInt(Draft::minimumHeadcount).sum();
        long excess = scalable.stream().mapToInt(d -> d.headcount - d.minimumHeadcount()).sum();
        double f = excess == 0 ? 0 : Math.max(0, (double) (target - rest - mins) / excess);
        for (Draft d : scalable) {
            d.headcount = (int) Math.min(HEADCOUNT_CAP, d.minimumHeadcount() + Math.round((d.headcount - d.minimumHeadcount()) * f));
        }
        long residual = target - rest - scalable.stream().mapToInt(d -> d.headcount).sum();
        for (int guard = 0; residual != 0 && !scalable.isEmpty() && guard < 1_000_000; guard++) {
            Draft d = pick(scalable);
            int step = residual > 0 && d.headcount < HEADCOUNT_CAP ? 1 : residual < 0 && d.headcount > d.minimumHeadcount() ? -1 : 0;
            d.headcount += step;
            residual -= step;
        }
    }

    private void surveyAnswers(Draft d) {
        Party party = parties.stream().filter(p -> p.dissolved == null && p.covers.contains(d)).findFirst().orElse(null);
        int m = d.formal, h = d.headcount;
        boolean few = m < t.branchMinMembers();
        d.aboveScale = d.kind == Kind.ENTERPRISE && chance(h >= 100 ? 0.7 : h >= 50 ? 0.25 : 0);
        d.activists = chance(m > 0 ? 0.5 : Math.min(0.3, h / 150.0)) ? between(1, 2 + m / 10) : 0;
        d.ownerIsMember = m > 0 && chance(few ? 0.3 : 0.5);
        d.secretaryCandidate = party != null ? party.formation == Formation.INDEPENDENT || chance(0.3)
                : few ? m > 0 && chance(0.3) : chance(0.6);
        if (party != null || d.ownerIsMember) {
            d.attitude = chance(0.85) ? OwnerAttitude.SUPPORTIVE : OwnerAttitude.NEUTRAL;
        } else if (m > 0 || h >= 20) {
            double x = r.nextDouble();
            d.attitude = x < 0.55 ? OwnerAttitude.SUPPORTIVE : x < 0.85 ? OwnerAttitude.NEUTRAL : OwnerAttitude.OPPOSED;
        }
        double[] p = h >= 25 ? new double[]{0.6, 0.3, 0.35} : h >= 10 ? new double[]{0.15, 0.05, 0.1} : new double[]{0.02, 0, 0.01};
        StringJoiner mass = new StringJoiner(",");
        for (MassOrganization o : MassOrganization.values()) {
            if (chance(p[o.ordinal()] + (party != null ? 0.2 : 0))) mass.add(o.name());
        }
        d.mass = mass.toString();
        if (d.notes == null && chance(0.03)) d.notes = pick(NOTES);
        if (party != null || d.status == Status.CLOSED) return;
        if (m == 0) {
            d.instructor = chance(h >= 50 ? 0.6 : h >= 10 ? 0.2 : 0.02) ? person() : null;
        } else if (few ? chance(0.35) : d.secretaryCandidate && d.attitude != OwnerAttitude.OPPOSED
                && d.status == Status.OPERATING && chance(0.85)) {
            d.planned = LocalDate.ofYearDay(between(2026, 2027), between(1, 365));
        } else if (!few || chance(0.7)) {
            d.reason = d.attitude == OwnerAttitude.OPPOSED ? "业主对组建党组织有顾虑，暂不支持"
                    : d.status == Status.SUSPENDED ? "停产整顿，党员分散" : pick(few ? FEW_MEMBER_REASONS : BRANCH_REASONS);
            d.responsible = person();
        }
    }

    private String uscc(Kind kind) {
        String head = switch (kind) {
            case ENTERPRISE, ACCOUNTING_FIRM -> "91";
            case INDIVIDUAL_BUSINESS -> "92";
            case FARMER_COOPERATIVE -> "93";
            case OTHER_ECONOMIC -> "9" + between(1, 3);
            case SOCIAL_GROUP -> "51";
            case PRIVATE_NON_ENTERPRISE -> "52";
            case FOUNDATION -> "53";
            case OTHER_SOCIAL -> "59";
            case LAW_FIRM -> "31";
        };
        StringBuilder code = new StringBuilder(head).append(county);
        while (code.length() < 17) {
            code.append(SYMBOLS.charAt(r.nextInt(SYMBOLS.length())));
        }
        return code.append(Uscc.checkCharacter(code.toString())).toString();
    }

    private List<Draft> free(Predicate<Draft> p) {
        return new ArrayList<>(orgs.stream().filter(d -> !d.assigned && d.status != Status.CLOSED && p.test(d)).toList());
    }

    /** k of the pool by weighted sampling without replacement (Efraimidis–Spirakis), weight headcount + bias. */
    private List<Draft> sample(List<Draft> pool, int k, int bias) {
        Map<Draft, Double> key = new LinkedHashMap<>();
        pool.forEach(d -> key.put(d, -Math.pow(r.nextDouble(), 1.0 / (d.headcount + bias))));
        pool.sort(Comparator.comparingDouble(key::get));
        return pool.subList(0, Math.max(0, Math.min(k, pool.size())));
    }

    private String brand(Township tw) {
        double x = r.nextDouble();
        return x < 0.35 ? pick(words.places()) : x < 0.45 ? stem(tw.name()) : pick(BRANDS);
    }

    private String townshipName(String code) {
        return townships.stream().filter(tw -> tw.code().equals(code)).findFirst().orElseThrow().name();
    }

    private int lognormal(double median, double sigma, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, Math.round(median * Math.exp(sigma * r.nextGaussian()))));
    }

    private static int add(List<Kind> kinds, Kind kind, double count) {
        int c = (int) Math.round(count);
        kinds.addAll(Collections.nCopies(c, kind));
        return c;
    }

    private String person() { return person(r); }

    /** A person's name of the region: a surname and one or two given characters. */
    static String person(Random r) {
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)]
                + (r.nextDouble() < 0.7 ? GIVEN[r.nextInt(GIVEN.length)] : "");
    }
    private LocalDate date(int fromYear, int toYear) { return LocalDate.ofYearDay(between(fromYear, toYear), between(1, 365)); }
    private int between(int lo, int hi) { return lo + r.nextInt(hi - lo + 1); }
    private boolean chance(double p) { return r.nextDouble() < p; }
    private <T> T pick(List<T> list) { return list.get(r.nextInt(list.size())); }
    private String pick(String[] array) { return array[r.nextInt(array.length)]; }
    private static int scaled(int per1000, int n) { return (int) Math.round(per1000 * n / 1000.0); }
    private static String[] words(String s) { return s.split(" "); }

    static final String LUOPING_NAME = "罗平县";
    private static final String ETHNIC = "(?:布依|苗|彝|回|壮|瑶|白|哈尼|傣|傈僳|拉祜|佤|纳西|藏|景颇|布朗|普米|怒|阿昌|独龙|基诺|德昂"
            + "|蒙古|满|土家|侗|羌|黎|畲|仫佬|毛南|仡佬|水|撒拉|锡伯|各)族";
    private static final String[] TOWN_ROADS = words("人民路 建设路 振兴路 迎宾路 东风路 南城路 环城东路 文化路 兴隆路 新华路");

    /** A place's name without its ethnic groups and its kind (县, 区, 街道, 镇, 乡 …): 鲁布革布依族苗族乡 → 鲁布革. */
    static String stem(String name) {
        String s = name.replaceFirst("(自治县|自治旗|县|区|市|旗|街道|镇|乡|苏木)$", "").replaceFirst("(" + ETHNIC + ")+$", "");
        return s.length() >= 2 ? s : name;
    }

    /**
     * The words a county's names are made of: its name, the regions a company names itself after,
     * the places brands take, its parks and markets, its town's roads.
     */
    record Words(String county, String[] regions, String[] places, String[] buildings, String[] roads) {

        static final Words LUOPING = new Words(LUOPING_NAME, REGIONS, PLACES, BUILDINGS, ROADS);

        static Words of(String county, List<Township> townships) {
            if (county.equals(LUOPING_NAME)) {
                return LUOPING;
            }
            String stem = stem(county), seat = stem(townships.get(0).name());
            List<String> places = new ArrayList<>(List.of(stem));
            townships.stream().map(t -> stem(t.name())).filter(p -> !places.contains(p)).forEach(places::add);
            String[] regions = Stream.of(county, stem).distinct().toArray(String[]::new);
            String[] buildings = {county + "工业园区", seat + "商贸城", stem + "商务大厦", stem + "物流园", county + "农特产品交易市场",
                    seat + "创业园", stem + "电商产业园"};
            String[] roads = Stream.concat(Stream.of(TOWN_ROADS), Stream.of(stem + "大道", seat + "路")).toArray(String[]::new);
            return new Words(county, regions, places.toArray(String[]::new), buildings, roads);
        }
    }

    private static final class Draft {
        final int index;
        final Kind kind;
        final Sector sector;
        final String township;
        String name, uscc, community, address, building, industry, mass = "", instructor, reason, responsible, notes;
        Status status = Status.OPERATING;
        OwnerAttitude attitude;
        boolean aboveScale, ownerIsMember, secretaryCandidate, assigned, fixed;
        int headcount, formal, probationary, elsewhere, activists;
        LocalDate planned;

        Draft(int index, Kind kind, String township) {
            this.index = index;
            this.kind = kind;
            this.sector = kind.sector();
            this.township = township;
        }

        int minimumHeadcount() {
            return Math.max(1, formal + probationary + elsewhere);
        }

        Organization freeze() {
            return new Organization(township, name, uscc, kind, sector, community, address, building, industry, aboveScale,
                    status, headcount, formal, probationary, elsewhere, activists, ownerIsMember, attitude,
                    secretaryCandidate, mass, instructor, planned, reason, responsible, notes);
        }
    }

    private record Party(String township, String name, PartyLevel level, Formation formation, LocalDate founded,
                         LocalDate dissolved, String secretary, List<Draft> covers) {
        PartyOrganization freeze() {
            return new PartyOrganization(township, name, level, formation, founded, dissolved, secretary,
                    covers.stream().map(d -> d.index).toList());
        }
    }
}
