package cn.liangxin.spreadsheet;

import cn.liangxin.web.Msg;

/** An uploaded survey file that cannot be read, with a Chinese message a clerk can act on. */
public class SurveyFileException extends Exception {

    /** What is wrong with the file; the message key is {@code survey.file.<PROBLEM>[.<detail>]}. */
    public enum Problem {
        EMPTY, NOT_SPREADSHEET, ENCRYPTED, CORRUPT, TOO_LARGE, TOO_MANY_ROWS
    }

    private final Problem problem;

    SurveyFileException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    /** The message under {@code survey.file.<problem>} (or {@code .<detail>}): {0} is the file, named or not. */
    public static SurveyFileException of(Problem problem, String detail, String fileName, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = fileName == null || fileName.isBlank() ? Msg.t("survey.file.unnamed") : Msg.t("survey.file.named", fileName);
        System.arraycopy(args, 0, all, 1, args.length);
        String key = "survey.file." + problem + (detail == null ? "" : "." + detail);
        return new SurveyFileException(problem, Msg.t(key, all));
    }

    public Problem problem() {
        return problem;
    }
}
