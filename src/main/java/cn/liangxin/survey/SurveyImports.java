package cn.liangxin.survey;

import cn.liangxin.spreadsheet.*;
import cn.liangxin.division.Township;
import cn.liangxin.organization.CoveredBy;
import cn.liangxin.organization.Organization;
import cn.liangxin.organization.OrganizationInput;
import cn.liangxin.organization.Organizations;
import cn.liangxin.organization.Uscc;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.FieldError;
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

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    private final Caller caller;
    private final Organizations organizations;
    private final Validator validator;
    private final SurveyWriter writer;
    private final ReadProgress progress;
    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<cn.liangxin.organization.RegistryGrew> grew;
    /** The progress token of the upload this thread reads, if its page gave one. */
    private final ThreadLocal<String> token = new ThreadLocal<>();

    public SurveyImports(Caller caller, Organizations organizations, Validator validator, SurveyWriter writer,
                         ReadProgress progress) {
        this.progress = progress;
        this.caller = caller;
        this.organizations = organizations;
        this.validator = validator;
        this.writer = writer;
    }

    /** How many rows an answer carries at most. */
    static final int MAX_PAGE = 10_000;

    /**
     * Reads and checks an uploaded file and keeps its preview; the registry is not touched. The file
     * is streamed: each row is checked against the registry as it is read and goes into the preview
     * table with one COPY; only what a look at the whole file needs (codes and matches seen) is kept.
     * Answers the summary and the first {@code rowLimit} rows.
     */
    @Transactional
    public ImportPreview preview(Path file, String fileName, Long campaignId, SurveyFiles.Limits limits, int rowLimit) {
        return preview(file, fileName, campaignId, limits, rowLimit, null);
    }

    /** As {@link #preview(Path, String, Long, SurveyFiles.Limits, int)}, telling the rows read under a page's token. */
    @Transactional
    public ImportPreview preview(Path file, String fileName, Long campaignId, SurveyFiles.Limits limits, int rowLimit,
                                 String progressToken) {
        try {
            this.token.set(progressToken);
            return preview(SurveyFiles.open(file, fileName, limits), fileName, campaignId, rowLimit);
        } catch (SurveyFileException e) {
            throw new ApiException(400, "FILE_" + e.problem().name(), e.getMessage(), List.of());
        } finally {
            progress.update(this.token.get(), caller.username(), 0, true);
            this.token.remove();
        }
    }

    /**
     * The preview of one organization sent from the survey form; a row with errors is refused whole
     * (400 naming each field) and nothing of it is kept.
     */
    @Transactional
    public ImportPreview previewForm(RowSource row, Long campaignId) {
        ImportPreview p;
        try {
            p = preview(row, Msg.t("survey.form.fileName"), campaignId, 1);
        } catch (SurveyFileException e) {
            throw new ApiException(400, "FILE_" + e.problem().name(), e.getMessage(), List.of());
        }
        if (p.summary().rejected() > 0) {
            List<FieldError> errors = p.rows().get(0).errors().stream()
                    .map(e -> new FieldError(SurveyForm.key(e.column()), e.message())).toList();
            throw new ApiException(400, "ROW_REJECTED", Msg.t("survey.form.rejected"), errors);
        }
        return p;
    }

    /** What became of one entry sent from the field: the preview and its row, and whether it was sent before. */
    public record EntryResult(String clientId, long importId, int row, boolean repeated) {
    }

    /**
     * The preview of entries sent from the field (the offline outbox, an ODK submission), as one
     * file of {@code format}: entry i is row i + 2, and a row with errors is kept rejected in the
     * preview, as in an upload. An entry whose device id this account sent before is not read
     * again: its result is the first one. Answers a result per entry that has a row, in order; the
     * new ones share one new preview (none when all were repeats).
     */
    @Transactional
    public List<EntryResult> previewEntries(String format, List<SurveyForm.Entry> entries, Long campaignId) {
        Long account = caller.accountId();
        if (account == null) {
            throw cn.liangxin.security.Scope.forbidden();
        }
        Map<String, EntryResult> results = new HashMap<>(writer.entries(account,
                entries.stream().map(SurveyForm.Entry::clientId).filter(Objects::nonNull).distinct().toList()));
        Set<String> repeated = Set.copyOf(results.keySet());
        Map<SurveyForm.Entry, Integer> rowOf = new java.util.IdentityHashMap<>();
        List<SurveyForm.Entry> fresh = new ArrayList<>();
        Set<String> sent = new java.util.HashSet<>(repeated);
        for (SurveyForm.Entry e : entries) {
            if (e.clientId() == null || sent.add(e.clientId())) {
                fresh.add(e);
                rowOf.put(e, fresh.size() + 1);
            }
        }
        // the registry version each entry was pre-filled from, by its row: a later change is pointed out
        Map<Integer, Integer> versions = new HashMap<>();
        for (SurveyForm.Entry e : fresh) {
            if (e.registryId() != null && e.registryVersion() != null) {
                versions.put(rowOf.get(e), e.registryVersion());
            }
        }
        long id = 0;
        Set<Integer> rows = Set.of();
        if (!fresh.isEmpty()) {
            try {
                id = preview(SurveyForm.rows(format, fresh), Msg.t("survey.entries.fileName." + format), campaignId, 0,
                        versions).id();
            } catch (SurveyFileException e) {
                throw new ApiException(400, "FILE_" + e.problem().name(), e.getMessage(), List.of());
            }
            rows = writer.rowNumbers(id);
            Map<String, Integer> kept = new java.util.LinkedHashMap<>();
            for (SurveyForm.Entry e : fresh) {
                if (e.clientId() != null && rows.contains(rowOf.get(e))) {
                    kept.put(e.clientId(), rowOf.get(e));
                    results.put(e.clientId(), new EntryResult(e.clientId(), id, rowOf.get(e), false));
                }
            }
            writer.keepEntries(caller.username(), account, id, kept);
        }
        List<EntryResult> out = new ArrayList<>();
        for (SurveyForm.Entry e : entries) {
            Integer row = rowOf.get(e);
            if (e.clientId() == null) {
                if (rows.contains(row)) {
                    out.add(new EntryResult(null, id, row, false));
                }
            } else if (results.containsKey(e.clientId())) {
                EntryResult r = results.get(e.clientId());
                // a second sending of the same id, before or within this one, answers the first result
                out.add(row != null && r.row() == row && r.importId() == id && !repeated.contains(e.clientId())
                        ? r : new EntryResult(r.clientId(), r.importId(), r.row(), true));
            }
        }
        return out;
    }

    /**
     * What became of a form sent from a field app: the preview it is in (the account's open one), its
     * row there and the rows the preview holds; or, when it was sent before and its preview committed,
     * only that ({@code committed}).
     */
    public record FieldResult(long importId, int row, int rows, boolean committed) {
    }

    /**
     * One form sent from a field app ({@code format}, e.g. ODK) by the device id {@code clientId}: it
     * joins the account's open preview of that app in the request's county under {@code campaignId}
     * (a new one when there is none), which is read again whole with it, each organization once: a
     * form sent again replaces its first answers, a later form about the same organization (the same
     * registry organization, USCC, or township and name) replaces the earlier one. A form she may not
     * send is refused and nothing of it is kept: one naming a township or a registry organization
     * outside her scope (403), one with errors (400, naming each). A form whose preview was committed
     * is not read again.
     */
    @Transactional
    public FieldResult previewInBatch(String format, String clientId, Map<String, String> values, Long registryId,
                                      Long campaignId) {
        if (!scope.mayChangeRegistry()) {
            throw cn.liangxin.security.Scope.forbidden();
        }
        Long account = caller.accountId();
        if (account == null || clientId == null) {
            throw cn.liangxin.security.Scope.forbidden();
        }
        String county = scope.requestCounty();
        writer.lockEntries(county, account);
        SurveyWriter.Sent sent = writer.sent(county, account, clientId);
        if (sent != null && !"PREVIEW".equals(sent.importStatus())) {
            return new FieldResult(sent.importId(), sent.row(), 0, true);
        }
        requireInScope(county, values, registryId);
        Long batch = writer.openBatch(county, account, format, campaignId, PREVIEW_LIFETIME);
        if (sent != null && (batch == null || sent.importId() != batch)) {
            if (sent.previewedAt().plus(PREVIEW_LIFETIME).isAfter(java.time.Instant.now())) {
                // in another preview she may still commit (one of a single form, or of another campaign): it stays there
                return new FieldResult(sent.importId(), sent.row(), writer.rowNumbers(county, sent.importId()).size(), false);
            }
            // its preview expired and can no longer be committed: read it anew
            writer.forget(county, account, clientId);
        } else if (sent != null && sent.replaced()) {
            // an earlier form about an organization a later one replaced: the later one stands
            return new FieldResult(batch, sent.row(), writer.rowNumbers(county, batch).size(), false);
        }
        SurveyWriter.Kept entry = new SurveyWriter.Kept(clientId, Map.copyOf(values), registryId);
        String key = organizationKey(entry);
        List<SurveyWriter.Kept> entries = new ArrayList<>();
        Set<String> replaced = new java.util.HashSet<>();
        boolean placed = false;
        for (SurveyWriter.Kept k : batch == null ? List.<SurveyWriter.Kept>of() : writer.kept(county, batch)) {
            if (k.clientId().equals(clientId)) {
                entries.add(entry);
                placed = true;
            } else if (key != null && key.equals(organizationKey(k))) {
                replaced.add(k.clientId());
            } else {
                entries.add(k);
            }
        }
        if (!placed) {
            entries.add(entry);
        }
        ImportPreview p;
        try {
            p = preview(SurveyForm.rows(format, entries.stream().map(k -> new SurveyForm.Entry(k.clientId(),
                            k.values()::get, k.registryId())).toList()), Msg.t("survey.entries.fileName." + format), campaignId,
                    0, Map.of(), batch);
        } catch (SurveyFileException e) {
            throw new ApiException(400, "FILE_" + e.problem().name(), e.getMessage(), List.of());
        }
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            rowOf.put(entries.get(i).clientId(), i + 2);
        }
        int row = rowOf.get(clientId);
        SurveyWriter.RowCheck check = writer.row(county, p.id(), row);
        if (check == null) {
            throw new ApiException(400, "BLANK", Msg.t("openrosa.submission.blank"), List.of());
        }
        if (RowStatus.REJECTED.name().equals(check.status())) {
            // refused whole: the transaction ends rolled back, the open preview as it was
            throw new ApiException(400, "ROW_REJECTED", Msg.t("survey.entries.rejected", check.errors().stream()
                    .map(e -> e.column() + ":" + e.message()).distinct().collect(Collectors.joining())),
                    check.errors().stream().map(e -> new FieldError(SurveyForm.key(e.column()), e.message())).toList());
        }
        Set<Integer> rows = writer.rowNumbers(county, p.id());
        // a blank entry has no row: it is not kept
        List<SurveyWriter.Kept> keep = entries.stream().filter(k -> rows.contains(rowOf.get(k.clientId()))).toList();
        writer.keepBatch(county, caller.username(), account, p.id(), keep, rowOf, replaced, clientId);
        return new FieldResult(p.id(), row, p.summary().rows(), false);
    }

    /**
     * Refuses (403, saying why) a form naming a township, or a registry organization, outside what
     * the caller may change in the county.
     */
    private void requireInScope(String county, Map<String, String> values, Long registryId) {
        String township = values.get(SurveyColumn.TOWNSHIP.key());
        if (township != null && !township.isBlank() && scope.find(township, county).isEmpty()) {
            throw new ApiException(403, "OUT_OF_SCOPE", Msg.t("survey.entries.township", township.strip()), List.of());
        }
        if (registryId != null) {
            Organization o = Organization.<Organization>find("countyCode = ?1 and id = ?2", county, registryId)
                    .firstResultOptional().orElse(null);
            if (o == null || !scope.sees(county, o.townshipCode)) {
                throw new ApiException(403, "OUT_OF_SCOPE", Msg.t("survey.entries.registry", registryId), List.of());
            }
        }
    }

    /**
     * What makes two forms about the same organization: the registry organization chosen, else the
     * USCC, else the township and name; null when a form names none of them.
     */
    private static String organizationKey(SurveyWriter.Kept k) {
        if (k.registryId() != null) {
            return "id:" + k.registryId();
        }
        String uscc = Uscc.normalize(k.values().get(SurveyColumn.USCC.key()));
        if (uscc != null) {
            return "uscc:" + uscc;
        }
        String name = k.values().get(SurveyColumn.NAME.key());
        String township = k.values().get(SurveyColumn.TOWNSHIP.key());
        return name == null || name.isBlank() ? null
                : "name:" + (township == null ? "" : township.strip()) + "|" + Typed.key(name);
    }

    /** Reads rows (whose reading may throw {@link SurveyFileException} undeclared, see {@link SurveyFiles#open}). */
    private ImportPreview preview(RowSource source, String fileName, Long campaignId, int rowLimit) throws SurveyFileException {
        return preview(source, fileName, campaignId, rowLimit, Map.of());
    }

    /**
     * As {@link #preview(RowSource, String, Long, int)}, with the registry version a row's
     * organization had when it was copied to the device, by row number: a row whose organization
     * has changed since carries a warning.
     */
    private ImportPreview preview(RowSource source, String fileName, Long campaignId, int rowLimit,
                                  Map<Integer, Integer> versions) throws SurveyFileException {
        return preview(source, fileName, campaignId, rowLimit, versions, null);
    }

    /** As {@link #preview(RowSource, String, Long, int, Map)}, kept under the id of a stored preview ({@code into}) when given. */
    private ImportPreview preview(RowSource source, String fileName, Long campaignId, int rowLimit,
                                  Map<Integer, Integer> versions, Long into) throws SurveyFileException {
        if (!scope.mayChangeRegistry()) {
            throw cn.liangxin.security.Scope.forbidden();
        }
        // one county per upload: the one the request names, or the caller's only one
        String county = scope.requestCounty();
        List<Township> visible = scope.townships().stream().filter(t -> t.countyCode().equals(county)).toList();
        if (visible.isEmpty()) {
            scope.firstTownship();
        }
        List<Organization> registry = Organization.list("countyCode = ?1 and townshipCode in ?2", county,
                visible.stream().map(Township::code).toList());
        Known known = new Known(registry, organizations.coverage(registry));
        FileState state = new FileState(versions);
        SurveyWriter.Sink sink = null;
        SurveyParser.Header found = null;
        try (RowSource rows = source) {
            SurveyParser.Header header = null;
            String sheet = null;
            int seen = 0;
            int seq = 0;
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
                            requireColumns(found);
                        }
                    }
                    continue;
                }
                Integer nameAt = header.columnOf(SurveyColumn.NAME);
                if (nameAt != null && r.cell(nameAt).strip().startsWith(SurveyParser.EXAMPLE_MARK)) {
                    continue;
                }
                if (sink == null) {
                    sink = into == null ? writer.open(county, campaignId, fileName, rows.format(), caller.username(), caller.accountId())
                            : writer.reopen(county, into, campaignId);
                }
                check(seq++, SurveyParser.parse(header, r, name -> scope.find(name, county)), known, state, sink);
                if (seq % 1000 == 0 && token.get() != null) {
                    progress.update(token.get(), caller.username(), seq, false);
                }
            }
            if (found == null) {
                throw new ApiException(400, "NO_HEADER", Msg.t("survey.file.noHeader"), List.of());
            }
            if (sink == null) {
                throw new ApiException(400, "FILE_EMPTY", Msg.t("survey.file.noRows"), List.of());
            }
            sink.endRows();
            Set<String> registered = sink.registered(county, state.unseen.stream().map(Unseen::uscc).collect(Collectors.toSet()));
            for (Unseen u : state.unseen) {
                if (registered.contains(u.uscc())) {
                    state.late(u.seq(), u.problem());
                }
            }
            sink.finish(state.late, found.unknown());
            return writer.load(sink.id(), (c, by) -> true, new ImportPreview.RowPage(null, false, 0, rowLimit, 0));
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
    }

    private static void requireColumns(SurveyParser.Header header) {
        List<String> missing = SurveyColumn.all().stream().filter(c -> c.required() && !header.has(c))
                .map(SurveyParser::header).toList();
        if (!missing.isEmpty()) {
            throw new ApiException(400, "MISSING_COLUMNS", Msg.t("survey.file.missingColumns", String.join("、", missing)),
                    List.of());
        }
    }

    /**
     * A stored preview with a page of its rows: those of a status (all when null), or with warnings
     * only; a clerk sees only her own uploads.
     */
    public ImportPreview get(long id, RowStatus status, boolean warned, int offset, int limit) {
        return writer.load(id, this::sees,
                new ImportPreview.RowPage(status == null ? null : status.name(), warned, offset, limit, 0));
    }

    /**
     * Applies the accepted rows of a preview in one transaction; refused when it was committed
     * already or when the registry changed under a changed row since the preview. Answers the
     * summary (without the rows: {@link #get} has them).
     */
    @Transactional
    public ImportPreview commit(long id) {
        ImportPreview before = writer.load(id, this::sees, null);
        if (!scope.mayChangeRegistry()) {
            throw cn.liangxin.security.Scope.forbidden();
        }
        writer.commit(id, before.countyCode(), caller.username(), scope.part(before.countyCode(), null), PREVIEW_LIFETIME);
        grew.fire(new cn.liangxin.organization.RegistryGrew(before.countyCode()));
        return writer.load(id, this::sees, null);
    }

    /** How long a preview may wait for its commit: after that the registry has moved on, and it is refused. */
    static final java.time.Duration PREVIEW_LIFETIME = java.time.Duration.ofDays(7);

    /**
     * The previews waiting for a commit that the caller may commit or discard: a clerk's own, the
     * county's for its 党工委; expired ones are left out.
     */
    public List<SurveyWriter.Pending> pending() {
        return pending(null);
    }

    /**
     * As {@link #pending()}, of one source when given: FILE (an uploaded file), FORM (the phone form
     * online), OFFLINE (its outbox) or ODK (ODK Collect).
     */
    public List<SurveyWriter.Pending> pending(Source source) {
        return pendingOfAll().stream().filter(p -> source == null || Source.of(p.format()) == source).toList();
    }

    /** Where a preview came from; its format says it. */
    public enum Source {
        FILE, FORM, OFFLINE, ODK;

        static Source of(String format) {
            return switch (format) {
                case "FORM" -> FORM;
                case "OFFLINE" -> OFFLINE;
                case "ODK" -> ODK;
                default -> FILE;
            };
        }
    }

    private List<SurveyWriter.Pending> pendingOfAll() {
        List<String> counties = scope.counties().stream().map(cn.liangxin.division.County::code).toList();
        if (counties.isEmpty()) {
            return List.of();
        }
        List<String> managed = counties.stream().filter(scope::managesCounty).toList();
        return writer.pending(counties, managed, caller.accountId(), PREVIEW_LIFETIME).stream()
                .filter(p -> sees(p.countyCode(), p.uploaderId())).toList();
    }

    /** Discards a preview that was not committed. */
    @Transactional
    public void discard(long id) {
        ImportPreview p = writer.load(id, this::sees, null);
        if (!scope.mayChangeRegistry()) {
            throw cn.liangxin.security.Scope.forbidden();
        }
        if (!writer.discard(id, p.countyCode())) {
            throw ApiException.conflict("ALREADY_COMMITTED", Msg.t("survey.import.committed", id));
        }
    }

    /**
     * A preview is its uploader's account's (whatever it is called now, and not a later account's of
     * the same name), and its county's 党工委's (or an administrator's holding the county).
     */
    private boolean sees(String county, Long uploader) {
        return scope.managesCounty(county) || (uploader != null && uploader.equals(caller.accountId())
                && scope.counties().stream().anyMatch(c -> c.code().equals(county)));
    }

    /** The registry rows a file is matched against, indexed. */
    private static final class Known {
        final Map<Long, Organization> byId = new HashMap<>();
        final Map<String, Organization> byUscc = new HashMap<>();
        final Map<String, Organization> byName = new HashMap<>();
        final Map<String, Organization> byStem = new HashMap<>();
        final Map<Long, CoveredBy> coverage;

        Known(List<Organization> registry, Map<Long, CoveredBy> coverage) {
            this.coverage = coverage;
            for (Organization o : registry) {
                byId.put(o.id, o);
                if (o.uscc != null) byUscc.put(o.uscc, o);
                byName.put(o.townshipCode + "|" + o.name, o);
                String stem = stem(o.name);
                if (stem.length() >= 2) byStem.putIfAbsent(o.townshipCode + "|" + stem, o);
            }
        }
    }

    /** A USCC of the file that no organization the uploader sees has: maybe one she may not see. */
    private record Unseen(int seq, String uscc, CellProblem problem) {
    }

    /** What a look at the whole file needs: the codes and matches seen so far, and late rejections. */
    private static final class FileState {
        final Map<String, int[]> usccAt = new HashMap<>();
        final Map<Long, int[]> matchedAt = new HashMap<>();
        final List<Unseen> unseen = new ArrayList<>();
        final Map<Integer, List<CellProblem>> late = new HashMap<>();
        /** The registry version a row's organization had on the device, by row number. */
        final Map<Integer, Integer> versions;

        FileState(Map<Integer, Integer> versions) {
            this.versions = versions;
        }

        void late(int seq, CellProblem problem) {
            late.computeIfAbsent(seq, k -> new ArrayList<>()).add(problem);
        }
    }

    /** Checks a row against the rules, the registry and the rows before it, and hands it to the preview. */
    private void check(int seq, ParsedRow p, Known known, FileState state, SurveyWriter.Sink sink) {
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
            int[] first = state.usccAt.putIfAbsent(uscc, new int[]{seq, p.row()});
            if (first != null) {
                CellProblem twice = problem(p, SurveyColumn.USCC, in.uscc(), Msg.t("survey.row.usccTwice", uscc));
                errors.add(twice);
                if (!state.late.containsKey(first[0]) || state.late.get(first[0]).stream().noneMatch(x -> x.message().equals(twice.message()))) {
                    state.late(first[0], new CellProblem(p.sheet(), first[1], twice.column(), twice.value(), twice.message()));
                }
            }
        }
        Organization match = null;
        if (p.registryId() != null) {
            match = known.byId.get(p.registryId());
            if (match == null) {
                errors.add(new CellProblem(p.sheet(), p.row(), SurveyColumn.REGISTRY_ID_HEADER,
                        String.valueOf(p.registryId()), Msg.t("survey.row.registryIdUnknown")));
            }
        } else if (uscc != null && known.byUscc.containsKey(uscc)) {
            match = known.byUscc.get(uscc);
        } else {
            if (uscc != null) {
                state.unseen.add(new Unseen(seq, uscc, problem(p, SurveyColumn.USCC, in.uscc(),
                        Msg.t("org.uscc.duplicateElsewhere", uscc))));
            }
            if (p.name() != null) {
                match = known.byName.get(in.townshipCode() + "|" + p.name());
            }
        }
        if (match != null && uscc != null && known.byUscc.containsKey(uscc) && known.byUscc.get(uscc) != match) {
            Organization other = known.byUscc.get(uscc);
            errors.add(problem(p, SurveyColumn.USCC, in.uscc(), Msg.t("org.uscc.duplicate", uscc,
                    other.name, other.townshipCode, other.id)));
        }
        if (match != null) {
            int[] first = state.matchedAt.putIfAbsent(match.id, new int[]{seq, p.row()});
            if (first != null) {
                errors.add(problem(p, SurveyColumn.NAME, p.name(), Msg.t("survey.row.sameOrganization", first[1], match.name)));
                if (!state.late.containsKey(first[0])) {
                    state.late(first[0], new CellProblem(p.sheet(), first[1], SurveyParser.header(SurveyColumn.NAME),
                            match.name, Msg.t("survey.row.sameOrganization", p.row(), match.name)));
                }
            }
        }
        Integer copied = state.versions.get(p.row());
        if (match != null && copied != null && copied != match.version) {
            warnings.add(new CellProblem(p.sheet(), p.row(), SurveyColumn.REGISTRY_ID_HEADER, String.valueOf(match.id),
                    Msg.t("survey.row.changedSinceCopy", match.name)));
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
            if (match == null && p.name() != null && !known.byStem.isEmpty()) {
                String stem = stem(p.name());
                Organization like = stem.length() >= 2 ? known.byStem.get(in.townshipCode() + "|" + stem) : null;
                if (like != null) {
                    warnings.add(problem(p, SurveyColumn.NAME, p.name(), Msg.t("survey.row.similar", like.name, like.id)));
                }
            }
        }
        List<ImportPreview.Change> changes = errors.isEmpty() ? SurveyChanges.of(match, in, uscc, p,
                match == null ? null : known.coverage.get(match.id)) : List.of();
        RowStatus status = !errors.isEmpty() ? RowStatus.REJECTED : match == null ? RowStatus.NEW
                : changes.isEmpty() ? RowStatus.UNCHANGED : RowStatus.CHANGED;
        OrganizationInput values = switch (status) {
            case NEW -> in;
            case CHANGED -> SurveyChanges.merge(match, p);
            default -> null;
        };
        sink.add(seq, new ImportPreview.Row(p.sheet(), p.row(), status.name(), match == null ? null : match.id, p.name(),
                        changes, errors, warnings), match == null ? null : match.version, values, p.partyStatus(),
                values != null && SurveyChanges.forms(p.partyStatus()) ? SurveyChanges.partyName(p) : null);
    }

    private static final java.util.regex.Pattern BRACKETS = java.util.regex.Pattern.compile("[()（）\\[\\]【】]");
    private static final java.util.regex.Pattern LEGAL_FORM = java.util.regex.Pattern.compile("(有限责任公司|股份有限公司|有限公司|公司|厂|店)$");

    /** A name without spaces, brackets and legal form, in simplified characters: to spot near-duplicates. */
    private static String stem(String name) {
        return LEGAL_FORM.matcher(BRACKETS.matcher(Typed.key(name)).replaceAll("")).replaceAll("");
    }

    private static SurveyColumn column(String field) {
        return SurveyColumn.all().stream().filter(c -> c.key().equals(field)).findFirst().orElse(SurveyColumn.NAME);
    }

    private static CellProblem problem(ParsedRow p, SurveyColumn c, String value, String message) {
        return new CellProblem(p.sheet(), p.row(), SurveyParser.header(c), value, message);
    }
}
