package cn.liangxin.openrosa;

import cn.liangxin.export.Csv;
import cn.liangxin.survey.SurveyColumn;
import cn.liangxin.web.Msg;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A filled form as ODK sends it: the answers by column key (elements of the instance's root, read
 * by local name whatever their namespace), the registry organization chosen, and the instanceID.
 * Read as a stream, never held whole: no document type (so no entity, inside or outside), and
 * bounded in elements, depth and the text of each answer, which a form of this service never nears.
 */
record Submission(String instanceId, Long registryId, Map<String, String> values) {

    /** The ids a device gives its entries, as the phone form's outbox takes them. */
    static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9_:.-]{8,100}");
    /** Most elements read: the form has some thirty, with ODK's meta. */
    static final int MAX_ELEMENTS = 1_000;
    /** Deepest nesting read: the form's is three (root, meta, instanceID). */
    static final int MAX_DEPTH = 8;
    /** Longest answer read, in characters: ten times the longest the form asks for (备注, 1,000). */
    static final int MAX_TEXT = 10_000;

    /** A submission that cannot be read; its message says why, in Chinese. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private static final XMLInputFactory FACTORY = factory();

    private static XMLInputFactory factory() {
        // the JDK's own reader, whatever else the class path brings
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f;
    }

    static Submission read(InputStream xml) throws Unreadable {
        Map<String, String> values = new HashMap<>();
        String registry = null;
        String instanceId = null;
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(xml);
            int depth = 0;
            int elements = 0;
            String field = null;
            boolean inInstanceId = false;
            StringBuilder text = null;
            StringBuilder id = null;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                            throw new Unreadable(Msg.t("openrosa.submission.badXml"));
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++elements > MAX_ELEMENTS) {
                            throw new Unreadable(Msg.t("openrosa.submission.elements", MAX_ELEMENTS));
                        }
                        if (++depth > MAX_DEPTH) {
                            throw new Unreadable(Msg.t("openrosa.submission.depth", MAX_DEPTH));
                        }
                        if (depth == 2) {
                            field = r.getLocalName();
                            text = new StringBuilder();
                        } else if (depth == 3 && "meta".equals(field) && "instanceID".equals(r.getLocalName())) {
                            inInstanceId = true;
                            id = new StringBuilder();
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth >= 2) {
                            append(text, r, field);
                            if (inInstanceId) {
                                append(id, r, field);
                            }
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth == 3 && inInstanceId) {
                            instanceId = id.toString().strip();
                            inInstanceId = false;
                        } else if (depth == 2) {
                            if (field.equals(XForm.REGISTRY_ID)) {
                                registry = text.toString().strip();
                            } else if (!field.equals("meta")) {
                                // a cell the media file made inert ('=…) comes back as registered
                                values.putIfAbsent(field, Csv.revert(text.toString().strip()));
                            }
                            field = null;
                            text = null;
                        }
                        depth--;
                    }
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new Unreadable(Msg.t("openrosa.submission.badXml"));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held beyond the stream, which its owner closes
                }
            }
        }
        values.keySet().retainAll(SurveyColumn.all().stream().map(SurveyColumn::key).toList());
        if (instanceId == null || !INSTANCE_ID.matcher(instanceId).matches()) {
            throw new Unreadable(Msg.t("openrosa.submission.instanceId"));
        }
        Long registryId = null;
        if (registry != null && !registry.isEmpty()) {
            if (!registry.matches("[0-9]{1,18}")) {
                throw new Unreadable(Msg.t("survey.row.registryId"));
            }
            registryId = Long.valueOf(registry);
        }
        return new Submission(instanceId, registryId, Map.copyOf(values));
    }

    /** Adds the text at the reader to an answer, refusing it past {@link #MAX_TEXT}, named as the form names it. */
    private static void append(StringBuilder to, XMLStreamReader r, String field) throws Unreadable {
        if (to.length() + r.getTextLength() > MAX_TEXT) {
            boolean column = SurveyColumn.all().stream().anyMatch(c -> c.key().equals(field));
            String name = column ? Msg.t("survey.col." + field) : field;
            throw new Unreadable(Msg.t("openrosa.submission.tooLong", name, MAX_TEXT));
        }
        to.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
    }
}
