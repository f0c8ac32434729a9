package cn.liangxin.openrosa;

import cn.liangxin.organization.OrganizationInput;
import cn.liangxin.survey.FieldSurvey;
import cn.liangxin.web.Msg;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The survey form as an XForm (ODK XForms 1.0), written from the survey's questions — the same
 * columns, labels, hints and choices as the spreadsheet and the phone form. Before the questions,
 * the caller's registry organizations (the form's CSV media file) can be searched; choosing one
 * fills every answer from the registry. Required answers and limits are the server's: the
 * required columns (the kind unless the USCC says it), the sizes and ranges of {@link OrganizationInput}, the party organization's
 * name for a joint or relied-on branch. Each filled form carries an instanceID.
 */
final class XForm {

    static final String XF = "http://www.w3.org/2002/xforms";
    static final String H = "http://www.w3.org/1999/xhtml";
    static final String JR = "http://openrosa.org/javarosa";
    static final String ODK = "http://www.opendatakit.org/xforms";
    static final String ORX = "http://openrosa.org/xforms";

    /** The root element of a filled form. */
    static final String ROOT = "data";
    /** The question naming the registry organization the answers were filled from. */
    static final String REGISTRY_ID = "registryId";
    /** The media file of registry organizations, and the secondary instance it becomes. */
    static final String MEDIA = "organizations.csv";
    static final String INSTANCE = "organizations";
    /**
     * A USCC that names the organization's kind, as {@code organization.Kind.of} reads it; the whole
     * text matched, as JavaRosa's regex() does (Enketo's finds it the same, being anchored).
     */
    static final String KIND_FROM_USCC = "^\\s*[1-9AaNn]\\s*\\S[\\s\\S]*$";
    /** The media file's columns before the survey columns: the registry id and the label searched. */
    static final String ID = "id";
    static final String LABEL = "label";

    /** A form as served: its XML, its version (a hash of its content) and the MD5 of its bytes. */
    record Built(String formId, String title, String xml, String version, String md5) {
    }

    private XForm() {
    }

    /**
     * The form: {@code formId} and {@code title} as listed, the questions, the party statuses that
     * need the party organization's name, and where filled forms are sent. Its version is a hash of
     * everything else in it, so that a changed form is downloaded again.
     */
    static Built build(String formId, String title, List<FieldSurvey.Question> questions, List<String> partyNameFor,
                       String submissionUrl) {
        String draft = write(formId, title, "", questions, partyNameFor, submissionUrl);
        String version = md5(draft).substring(0, 12);
        String xml = write(formId, title, version, questions, partyNameFor, submissionUrl);
        return new Built(formId, title, xml, version, md5(xml));
    }

    static String md5(String text) {
        return md5(text.getBytes(StandardCharsets.UTF_8));
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(String formId, String title, String version, List<FieldSurvey.Question> questions,
                                List<String> partyNameFor, String submissionUrl) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(XF);
            x.setPrefix("h", H);
            x.setPrefix("jr", JR);
            x.setPrefix("odk", ODK);
            x.setPrefix("orx", ORX);
            x.writeStartElement(H, "html");
            x.writeDefaultNamespace(XF);
            x.writeNamespace("h", H);
            x.writeNamespace("jr", JR);
            x.writeNamespace("odk", ODK);
            x.writeNamespace("orx", ORX);
            x.writeStartElement(H, "head");
            x.writeStartElement(H, "title");
            x.writeCharacters(title);
            x.writeEndElement();
            x.writeStartElement(XF, "model");
            x.writeAttribute(ODK, "xforms-version", "1.0.0");

            x.writeStartElement(XF, "instance");
            x.writeStartElement(XF, ROOT);
            x.writeAttribute("id", formId);
            x.writeAttribute("version", version);
            x.writeEmptyElement(XF, REGISTRY_ID);
            for (FieldSurvey.Question q : questions) {
                x.writeEmptyElement(XF, q.key());
            }
            x.writeStartElement(XF, "meta");
            x.writeEmptyElement(XF, "instanceID");
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();

            x.writeEmptyElement(XF, "instance");
            x.writeAttribute("id", INSTANCE);
            x.writeAttribute("src", "jr://file-csv/" + MEDIA);

            x.writeEmptyElement(XF, "bind");
            x.writeAttribute("nodeset", path(REGISTRY_ID));
            x.writeAttribute("type", "string");
            for (FieldSurvey.Question q : questions) {
                binds(x, q, partyNameFor);
            }
            x.writeEmptyElement(XF, "bind");
            x.writeAttribute("nodeset", "/" + ROOT + "/meta/instanceID");
            x.writeAttribute("type", "string");
            x.writeAttribute("readonly", "true()");
            x.writeAttribute(JR, "preload", "uid");

            x.writeEmptyElement(XF, "submission");
            x.writeAttribute("action", submissionUrl);
            x.writeAttribute("method", "post");
            x.writeEndElement(); // model
            x.writeEndElement(); // head

            x.writeStartElement(H, "body");
            registry(x, questions);
            for (FieldSurvey.Question q : questions) {
                control(x, q);
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /**
     * The search among the registry organizations; choosing one fills every answer from the registry,
     * clearing the choice leaves every answer as it is.
     */
    private static void registry(XMLStreamWriter x, List<FieldSurvey.Question> questions) throws XMLStreamException {
        x.writeStartElement(XF, "select1");
        x.writeAttribute("ref", path(REGISTRY_ID));
        x.writeAttribute("appearance", "autocomplete");
        text(x, "label", Msg.t("openrosa.registry"));
        text(x, "hint", Msg.t("openrosa.registry.hint"));
        x.writeStartElement(XF, "itemset");
        x.writeAttribute("nodeset", "instance('" + INSTANCE + "')/root/item");
        x.writeEmptyElement(XF, "value");
        x.writeAttribute("ref", ID);
        x.writeEmptyElement(XF, "label");
        x.writeAttribute("ref", LABEL);
        x.writeEndElement();
        for (FieldSurvey.Question q : questions) {
            x.writeEmptyElement(XF, "setvalue");
            x.writeAttribute("event", "xforms-value-changed");
            x.writeAttribute("ref", path(q.key()));
            // cleared (no organization chosen) the answer stays as typed; only a choice fills it
            x.writeAttribute("value", "if(" + path(REGISTRY_ID) + " = '', " + path(q.key()) + ", instance('" + INSTANCE
                    + "')/root/item[" + ID + " = " + path(REGISTRY_ID) + "]/" + q.key() + ")");
        }
        x.writeEndElement();
    }

    private static void binds(XMLStreamWriter x, FieldSurvey.Question q, List<String> partyNameFor) throws XMLStreamException {
        String type = switch (q.input()) {
            case NUMBER -> "int";
            case DATE -> "date";
            default -> "string";
        };
        List<String> rules = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Method accessor = accessor(q.key());
        if (accessor != null) {
            Min min = accessor.getAnnotation(Min.class);
            Max max = accessor.getAnnotation(Max.class);
            if (min != null || max != null) {
                long low = min == null ? 0 : min.value();
                rules.add(". >= " + low + (max == null ? "" : " and . <= " + max.value()));
                messages.add(max == null ? Msg.t("survey.row.count") : Msg.t("openrosa.constraint.range", low, max.value()));
            }
            Size size = accessor.getAnnotation(Size.class);
            if (size != null && q.input() != FieldSurvey.Input.MANY) {
                rules.add("string-length(.) <= " + size.max());
                messages.add(Msg.t("openrosa.constraint.length", size.max()));
            }
        }
        String required = q.required() ? "true()" : null;
        String requiredMessage = q.required() ? Msg.t("survey.row.required") : null;
        if (q.key().equals("kind")) {
            // not needed where the USCC says it (Kind.of: a known first character, and a second)
            required = "not(regex(" + path("uscc") + ", " + literal(KIND_FROM_USCC) + "))";
        }
        if (q.key().equals("partyOrganization")) {
            List<String> when = new ArrayList<>();
            for (String status : partyNameFor) {
                when.add("selected(" + path("partyStatus") + ", " + literal(status) + ")");
            }
            required = String.join(" or ", when);
            requiredMessage = Msg.t("survey.row.partyNameRequired");
        }
        x.writeEmptyElement(XF, "bind");
        x.writeAttribute("nodeset", path(q.key()));
        x.writeAttribute("type", type);
        if (required != null) {
            x.writeAttribute("required", required);
            x.writeAttribute(JR, "requiredMsg", requiredMessage);
        }
        if (!rules.isEmpty()) {
            x.writeAttribute("constraint", String.join(" and ", rules));
            x.writeAttribute(JR, "constraintMsg", String.join(";", messages));
        }
    }

    private static void control(XMLStreamWriter x, FieldSurvey.Question q) throws XMLStreamException {
        String element = switch (q.input()) {
            case ONE -> "select1";
            case MANY -> "select";
            default -> "input";
        };
        x.writeStartElement(XF, element);
        x.writeAttribute("ref", path(q.key()));
        if (q.input() == FieldSurvey.Input.LONG_TEXT) {
            x.writeAttribute("appearance", "multiline");
        } else if (q.input() == FieldSurvey.Input.ONE && q.choices().size() > 8) {
            x.writeAttribute("appearance", "minimal");
        }
        text(x, "label", q.label());
        if (q.hint() != null) {
            text(x, "hint", q.hint());
        }
        for (FieldSurvey.Choice c : q.choices()) {
            if (c.value().isBlank() || c.value().chars().anyMatch(Character::isWhitespace)) {
                // a select's answer lists its values separated by spaces
                throw new IllegalStateException("choice value with a space: " + c.value());
            }
            x.writeStartElement(XF, "item");
            text(x, "label", c.label());
            text(x, "value", c.value());
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, String element, String text) throws XMLStreamException {
        x.writeStartElement(XF, element);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    static String path(String key) {
        return "/" + ROOT + "/" + key;
    }

    /** An XPath string literal. */
    private static String literal(String s) {
        return s.indexOf('\'') < 0 ? "'" + s + "'" : "\"" + s + "\"";
    }

    /** The accessor of the organization's input field a question fills, whose checks the server applies. */
    private static Method accessor(String key) {
        for (RecordComponent c : OrganizationInput.class.getRecordComponents()) {
            if (c.getName().equals(key)) {
                return c.getAccessor();
            }
        }
        return null;
    }
}
