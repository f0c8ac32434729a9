package cn.liangxin.survey;

import cn.liangxin.web.Msg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the blank survey forms committed in {@code survey-templates/} (a test checks they match). */
public final class TemplateFiles {

    private TemplateFiles() {
    }

    static Path xlsx(Path folder) {
        return folder.resolve(Msg.t("survey.template.file") + ".xlsx");
    }

    static Path csv(Path folder) {
        return folder.resolve(Msg.t("survey.template.file") + ".csv");
    }

    /** Writes both forms into the folder given (default {@code survey-templates}). */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "survey-templates");
        Files.createDirectories(folder);
        try (OutputStream out = Files.newOutputStream(xlsx(folder))) {
            SurveyTemplate.writeXlsx(out, List.of(), false);
        }
        try (OutputStream out = Files.newOutputStream(csv(folder))) {
            SurveyTemplate.writeCsv(out, List.of());
        }
        System.out.println(xlsx(folder) + "\n" + csv(folder));
    }
}
