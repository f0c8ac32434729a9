package cn.liangxin.survey;

import cn.liangxin.spreadsheet.*;
import cn.liangxin.division.Township;
import cn.liangxin.organization.Kind;
import cn.liangxin.organization.MassOrganization;
import cn.liangxin.organization.OwnerAttitude;
import cn.liangxin.organization.Status;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurveyParserTest {

    private static final Township LUOXIONG = new Township("530324001", "罗雄街道", "530324");

    private static Optional<Township> find(String s) {
        return Typed.key(s).equals("罗雄街道") || s.strip().equals("530324001") ? Optional.of(LUOXIONG) : Optional.empty();
    }

    private static SheetRow row(int n, String... cells) {
        return new SheetRow("Sheet1", n, new ArrayList<>(Arrays.asList(cells)));
    }

    @Test
    void headersAreFoundByNameInAnyOrderWithAliasesStarsAndEitherBrackets() {
        assertTrue(SurveyParser.header(row(1, "罗平县两新组织摸底表")).isEmpty(), "a title row is no header");
        SurveyParser.Header h = SurveyParser.header(row(2, "正式党员数 *", "组织名称", "所属乡镇（街道）", "headcount",
                "组织类别*", "经营状态", "党组织建立情况", "自定义列", "登记编号")).orElseThrow();
        assertEquals(SurveyColumn.FORMAL_MEMBERS, h.columns().get(0));
        assertEquals(SurveyColumn.TOWNSHIP, h.columns().get(2));
        assertEquals(SurveyColumn.HEADCOUNT, h.columns().get(3));
        assertEquals(8, h.registryId());
        assertEquals(List.of("自定义列"), h.unknown());
    }

    @Test
    void aRowIsReadAsTheClerkMeantIt() {
        SurveyParser.Header h = SurveyParser.header(row(1, "组织名称", "组织类别", "所属乡镇(街道)", "经营状态", "从业人员数",
                "正式党员数", "党组织建立情况", "已建群团组织", "计划组建时间", "业主对组建党组织态度", "行业门类", "有无合适的书记人选")).orElseThrow();
        ParsedRow p = SurveyParser.parse(h, row(5, " 羅平縣某公司 ", "企業", "羅雄街道", "停業", "１２０人", "3", "未建立",
                "工会、共青團", "2027年1月2日", "不支持", "制造业", "有"), SurveyParserTest::find);
        assertEquals(List.of(), p.errors());
        assertEquals("羅平縣某公司", p.input().name());
        assertEquals(Kind.ENTERPRISE, p.input().kind());
        assertEquals("530324001", p.input().townshipCode());
        assertEquals(Status.SUSPENDED, p.input().status());
        assertEquals(120, p.input().headcount());
        assertEquals(Set.of(MassOrganization.UNION, MassOrganization.YOUTH_LEAGUE), p.input().massOrganizations());
        assertEquals(LocalDate.of(2027, 1, 2), p.input().plannedFormationOn());
        assertEquals(OwnerAttitude.OPPOSED, p.input().ownerAttitude());
        assertEquals("C", p.input().industry());
        assertEquals(true, p.input().secretaryCandidate());
        assertEquals(PartyStatus.NONE, p.partyStatus());
    }

    @Test
    void everyProblemOfARowIsReportedWithItsCell() {
        SurveyParser.Header h = SurveyParser.header(row(1, "组织名称", "组织类别", "所属乡镇(街道)", "经营状态", "从业人员数",
                "正式党员数", "党组织建立情况", "所在党组织名称", "计划组建时间")).orElseThrow();
        ParsedRow p = SurveyParser.parse(h, row(9, "", "银行", "火星镇", "营业", "-3", "两个", "联合党支部", "", "明年"),
                SurveyParserTest::find);
        List<String> columns = p.errors().stream().map(CellProblem::column).toList();
        assertTrue(columns.containsAll(List.of("组织名称", "组织类别", "所属乡镇(街道)", "经营状态", "从业人员数", "正式党员数",
                "所在党组织名称", "计划组建时间")), columns.toString());
        CellProblem kind = p.errors().stream().filter(e -> e.column().equals("组织类别")).findFirst().orElseThrow();
        assertEquals(9, kind.row());
        assertEquals("银行", kind.value());
        assertTrue(kind.message().contains("企业/个体工商户"), kind.message());
    }
}
