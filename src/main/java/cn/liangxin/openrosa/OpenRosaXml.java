package cn.liangxin.openrosa;

import cn.liangxin.export.Csv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The documents of OpenRosa 1.0 other than the form: the form list, a manifest, a response message, the media CSV. */
final class OpenRosaXml {

    static final String FORM_LIST = "http://openrosa.org/xforms/xformsList";
    static final String MANIFEST = "http://openrosa.org/xforms/xformsManifest";
    static final String RESPONSE = "http://openrosa.org/http/response";

    private OpenRosaXml() {
    }

    /** A form as the list names it: the form, and where it and its manifest are downloaded. */
    record Listed(XForm.Built form, String downloadUrl, String manifestUrl) {
    }

    static String formList(List<Listed> forms) {
        return document(FORM_LIST, "xforms", x -> {
            for (Listed l : forms) {
                x.writeStartElement(FORM_LIST, "xform");
                text(x, FORM_LIST, "formID", l.form().formId());
                text(x, FORM_LIST, "name", l.form().title());
                text(x, FORM_LIST, "version", l.form().version());
                text(x, FORM_LIST, "hash", "md5:" + l.form().md5());
                text(x, FORM_LIST, "downloadUrl", l.downloadUrl());
                text(x, FORM_LIST, "manifestUrl", l.manifestUrl());
                x.writeEndElement();
            }
        });
    }

    static String manifest(String fileName, String md5, String downloadUrl) {
        return document(MANIFEST, "manifest", x -> {
            x.writeStartElement(MANIFEST, "mediaFile");
            text(x, MANIFEST, "filename", fileName);
            text(x, MANIFEST, "hash", "md5:" + md5);
            text(x, MANIFEST, "downloadUrl", downloadUrl);
            x.writeEndElement();
        });
    }

    /** An answer the app shows: {@code nature} submit_success, or error. */
    static String message(String nature, String text) {
        return document(RESPONSE, "OpenRosaResponse", x -> {
            x.writeStartElement(RESPONSE, "message");
            x.writeAttribute("nature", nature);
            x.writeCharacters(text);
            x.writeEndElement();
        });
    }

    /**
     * The registry organizations as the form's media file (UTF-8, no byte-order mark, which would
     * become part of the first column's name): the id, the label searched (name and USCC), then
     * the answers by column key, a select's several values separated by spaces as the form keeps them.
     * A clerk may open it in a spreadsheet: every cell is made inert as in every CSV download
     * ({@link Csv#inert}), and what the form fills from it comes back as registered ({@link Submission}).
     */
    static byte[] csv(List<Map<String, String>> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CSVPrinter p = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            List<String> header = new ArrayList<>(List.of(XForm.ID, XForm.LABEL));
            for (cn.liangxin.survey.SurveyColumn c : cn.liangxin.survey.SurveyColumn.values()) {
                header.add(c.key());
            }
            p.printRecord(header);
            for (Map<String, String> r : rows) {
                List<String> line = new ArrayList<>(header.size());
                line.add(r.get(XForm.ID));
                String uscc = r.getOrDefault("uscc", "");
                line.add(uscc.isBlank() ? r.get("name") : r.get("name") + " " + uscc);
                for (String key : header.subList(2, header.size())) {
                    String v = r.getOrDefault(key, "");
                    line.add(key.equals("massOrganizations") ? String.join(" ", v.split("[、,，\\s]+")).strip() : v);
                }
                p.printRecord(line.stream().map(c -> c == null ? "" : Csv.inert(c)).toList());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private interface Body {
        void write(XMLStreamWriter x) throws XMLStreamException;
    }

    private static String document(String namespace, String root, Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(namespace);
            x.writeStartElement(namespace, root);
            x.writeDefaultNamespace(namespace);
            body.write(x);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter x, String namespace, String element, String text) throws XMLStreamException {
        x.writeStartElement(namespace, element);
        x.writeCharacters(text);
        x.writeEndElement();
    }
}
