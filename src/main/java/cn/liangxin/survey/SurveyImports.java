package cn.liangxin.survey;

import cn.liangxin.division.Township;
import cn.liangxin.organization.CoveredBy;
import cn.liangxin.organization.Organization;
import cn.liangxin.organization.OrganizationInput;
import cn.liangxin.organization.Organizations;
import cn.liangxin.organization.Uscc;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Fields;
import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Survey uploads: read a file, check every row, show what would change (writing nothing to the
 * registry), and commit the accepted rows in one transaction with batched writes.
 */
@ApplicationScoped
public class SurveyImports {

    private final Caller caller;
    private final Organizations organizations;
    private final Validator validator;
    private final SurveyWriter writer;

    public SurveyImports(Caller caller, Organizations organizations, Validator validator, SurveyWriter writer) {
        this.caller = caller;
        this.organizations = organizations;
        this.validator = validator;
        this.writer = writer;
    }

    /** Reads and checks an uploaded file and keeps its preview; the registry is not touched. */
    @Transactional
    public ImportPreview preview(Path file, String fileName, Long campaignId, SurveyFiles.Limits limits) {
        List<Township> visible = caller.townships();
        if (visible.isEmpty()) {
            caller.firstTownship();
        }
        String county = visible.get(0).countyCode();
        List<ParsedRow> parsed = new ArrayList<>();
        SurveyParser.Header header;
        String format;
        try (RowSource rows = SurveyFiles.open(file, fileName, limits)) {
            format = rows.format();
            header = read(rows, parsed);
        } catch (SurveyFileException e) {
            throw new ApiException(400, "FILE_" + e.problem().name(), e.getMessage(), List.of());
        }
        if (header == null) {
            throw new ApiException(400, "NO_HEADER", Msg.t("survey.file.noHeader"), List.of());
        }
        List<String> missing = SurveyColumn.all().stream().filter(c -> c.required() && !header.has(c))
                .map(SurveyParser::header).toList();
        if (!missing.isEmpty()) {
            throw new ApiException(400, "MISSING_COLUMNS", Msg.t("survey.file.missingColumns", String.join("、", missing)),
                    List.of());
        }
        if (parsed.isEmpty()) {
            throw new ApiException(400, "FILE_EMPTY", Msg.t("survey.file.noRows"), List.of());
        }
        List<Organization> registry = Organization.list("townshipCode in ?1", visible.stream().map(Township::code).toList());
        List<ImportPreview.Row> rows = check(parsed, registry);
        ImportPreview.Summary summary = summary(rows);
        Map<Long, Integer> versions = registry.stream().collect(Collectors.toMap(o -> o.id, o -> o.version));
        long id = writer.save(county, campaignId, fileName, format, caller.username(), summary, header.unknown(), rows, parsed, versions);
        return new ImportPreview(id, county, fileName, format, "PREVIEW", summary, header.unknown(), rows, null);
    }

    /** The stored preview of an import (of a township the caller may see). */
    public ImportPreview get(long id) {
        return writer.load(id, caller.restriction(), caller.countyWide() ? null : caller.username(), true);
    }

    /**
     * Applies the accepted rows of a preview in one transaction; refused when it was committed
     * already or when the registry changed under a changed row since the preview. Answers the
     * summary (without the rows: {@link #get} has them).
     */
    @Transactional
    public ImportPreview commit(long id) {
        ImportPreview before = writer.load(id, caller.restriction(), caller.countyWide() ? null : caller.username(), false);
        writer.commit(id, before.countyCode(), caller.username());
        return writer.load(id, caller.restriction(), caller.countyWide() ? null : caller.username(), false);
    }

    private SurveyParser.Header read(RowSource rows, List<ParsedRow> parsed) {
        SurveyParser.Header header = null;
        SurveyParser.Header found = null;
        String sheet = null;
        int seen = 0;
        while (rows.hasNext()) {
            SheetRow r = rows.next();
            if (!r.sheet().equals(sheet)) {
                sheet = r.sheet();
                header = null;
                seen = 0;
            }
            if (r.blank()) {
                continue;
            }
            if (header == null) {
                if (++seen <= SurveyParser.HEADER_SEARCH_ROWS) {
                    header = SurveyParser.header(r).orElse(null);
                    if (header != null && found == null) {
                        found = header;
                    }
                }
                continue;
            }
            String name = header.columns().entrySet().stream().filter(e -> e.getValue() == SurveyColumn.NAME)
                    .map(e -> r.cell(e.getKey()).strip()).findFirst().orElse("");
            if (name.startsWith(SurveyParser.EXAMPLE_MARK)) {
                continue;
            }
            parsed.add(SurveyParser.parse(header, r, caller::find));
        }
        return found;
    }

    /** Checks every row against the rules and the registry, and works out what it changes. */
    private List<ImportPreview.Row> check(List<ParsedRow> parsed, List<Organization> registry) {
        Map<Long, Organization> byId = registry.stream().collect(Collectors.toMap(o -> o.id, Function.identity()));
        Map<String, Organization> byUscc = new HashMap<>();
        Map<String, Organization> byName = new HashMap<>();
        for (Organization o : registry) {
            if (o.uscc != null) byUscc.put(o.uscc, o);
            byName.put(o.townshipCode + "|" + o.name, o);
        }
        Set<String> elsewhere = usccElsewhere(parsed, byUscc);
        Map<Long, CoveredBy> coverage = organizations.coverage(registry);
        Map<String, Long> usccCount = parsed.stream().map(p -> Uscc.normalize(p.input().uscc())).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(u -> u, Collectors.counting()));

        List<ImportPreview.Row> rows = new ArrayList<>(parsed.size());
        for (ParsedRow p : parsed) {
            List<CellProblem> errors = new ArrayList<>(p.errors());
            List<CellProblem> warnings = new ArrayList<>(p.warnings());
            OrganizationInput in = p.input();
            String uscc = Uscc.normalize(in.uscc());
            if (errors.isEmpty()) {
                for (ConstraintViolation<OrganizationInput> v : validator.validate(in)) {
                    String field = v.getPropertyPath().iterator().next().getName();
                    errors.add(problem(p, column(field), String.valueOf(v.getInvalidValue()),
                            Fields.label(field) + ":" + v.getMessage()));
                }
            }
            if (uscc != null) {
                Uscc.check(uscc).ifPresent(x -> errors.add(problem(p, SurveyColumn.USCC, in.uscc(), Msg.t("org.uscc." + x.name(), uscc))));
                if (usccCount.getOrDefault(uscc, 0L) > 1) {
                    errors.add(problem(p, SurveyColumn.USCC, in.uscc(), Msg.t("survey.row.usccTwice", uscc)));
                }
            }
            Organization match = null;
            if (p.registryId() != null) {
                match = byId.get(p.registryId());
                if (match == null) {
                    errors.add(new CellProblem(p.sheet(), p.row(), SurveyColumn.REGISTRY_ID_HEADER,
                            String.valueOf(p.registryId()), Msg.t("survey.row.registryIdUnknown")));
                }
            } else if (uscc != null && byUscc.containsKey(uscc)) {
                match = byUscc.get(uscc);
            } else if (uscc != null && elsewhere.contains(uscc)) {
                errors.add(problem(p, SurveyColumn.USCC, in.uscc(), Msg.t("org.uscc.duplicateElsewhere", uscc)));
            } else if (p.name() != null) {
                match = byName.get(in.townshipCode() + "|" + p.name());
            }
            if (match != null && uscc != null && byUscc.containsKey(uscc) && byUscc.get(uscc) != match) {
                errors.add(problem(p, SurveyColumn.USCC, in.uscc(), Msg.t("org.uscc.duplicate", uscc,
                        byUscc.get(uscc).name, byUscc.get(uscc).townshipCode, byUscc.get(uscc).id)));
            }
            if (errors.isEmpty()) {
                if (in.formalMembers() > in.headcount()) {
                    warnings.add(problem(p, SurveyColumn.FORMAL_MEMBERS, String.valueOf(in.formalMembers()),
                            Msg.t("org.formalAboveHeadcount", in.formalMembers(), in.headcount())));
                }
                if (uscc != null && uscc.length() == 18 && !in.kind().agreesWith(uscc)) {
                    warnings.add(problem(p, SurveyColumn.USCC, uscc,
                            Msg.t("org.uscc.kindMismatch", uscc.substring(0, 2), Msg.label(in.kind()))));
                }
                if (match == null) {
                    similar(p.name(), in.townshipCode(), registry).ifPresent(o -> warnings.add(problem(p, SurveyColumn.NAME,
                            p.name(), Msg.t("survey.row.similar", o.name, o.id))));
                }
            }
            List<ImportPreview.Change> changes = errors.isEmpty() ? SurveyChanges.of(match, in, uscc, p,
                    match == null ? null : coverage.get(match.id)) : List.of();
            String status = !errors.isEmpty() ? "REJECTED" : match == null ? "NEW" : changes.isEmpty() ? "UNCHANGED" : "CHANGED";
            rows.add(new ImportPreview.Row(p.sheet(), p.row(), status, match == null ? null : match.id, p.name(), changes,
                    errors, warnings));
        }
        return rows;
    }

    /** USCCs of the file registered in a township the uploader may not see (or another county). */
    private Set<String> usccElsewhere(List<ParsedRow> parsed, Map<String, Organization> visible) {
        List<String> codes = parsed.stream().map(p -> Uscc.normalize(p.input().uscc())).filter(Objects::nonNull)
                .filter(u -> !visible.containsKey(u)).distinct().toList();
        Set<String> found = new java.util.HashSet<>();
        for (int i = 0; i < codes.size(); i += 1000) {
            found.addAll(Organization.<Organization>list("uscc in ?1", codes.subList(i, Math.min(i + 1000, codes.size())))
                    .stream().map(o -> o.uscc).toList());
        }
        return found;
    }

    /** An organization of the same township whose name differs only by spaces, brackets or legal form. */
    static Optional<Organization> similar(String name, String township, List<Organization> registry) {
        if (name == null) {
            return Optional.empty();
        }
        String k = stem(name);
        return registry.stream().filter(o -> o.townshipCode.equals(township))
                .filter(o -> k.length() >= 2 && stem(o.name).equals(k)).findFirst();
    }

    private static String stem(String name) {
        return Typed.key(name).replaceAll("[()（）\\[\\]【】]", "")
                .replaceAll("(有限责任公司|股份有限公司|有限公司|公司|厂|店)$", "");
    }

    private static SurveyColumn column(String field) {
        return SurveyColumn.all().stream().filter(c -> c.key().equals(field)).findFirst().orElse(SurveyColumn.NAME);
    }

    private static CellProblem problem(ParsedRow p, SurveyColumn c, String value, String message) {
        return new CellProblem(p.sheet(), p.row(), SurveyParser.header(c), value, message);
    }

    private static ImportPreview.Summary summary(List<ImportPreview.Row> rows) {
        Map<String, Long> by = rows.stream().collect(Collectors.groupingBy(ImportPreview.Row::status, Collectors.counting()));
        int warnings = (int) rows.stream().filter(r -> !r.warnings().isEmpty()).count();
        return new ImportPreview.Summary(rows.size(), by.getOrDefault("NEW", 0L).intValue(),
                by.getOrDefault("CHANGED", 0L).intValue(), by.getOrDefault("UNCHANGED", 0L).intValue(),
                by.getOrDefault("REJECTED", 0L).intValue(), warnings);
    }
}
