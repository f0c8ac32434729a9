package cn.liangxin.openrosa;

import cn.liangxin.survey.SurveyColumn;
import cn.liangxin.web.Msg;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A filled form as ODK sends it: the answers by column key (elements of the instance's root, read
 * by local name whatever their namespace), the registry organization chosen, and the instanceID.
 */
record Submission(String instanceId, Long registryId, Map<String, String> values) {

    /** The ids a device gives its entries, as the phone form's outbox takes them. */
    static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9_:.-]{8,100}");

    /** A submission that cannot be read; its message says why, in Chinese. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    static Submission read(byte[] xml) throws Unreadable {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // no document type, no outside entity: a submission is data, never a fetch
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // a broken submission is answered 400, not printed to the service's error stream
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new Unreadable(Msg.t("openrosa.submission.badXml"));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = doc.getDocumentElement();
        Map<String, String> values = new HashMap<>();
        String registry = null;
        String instanceId = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            String name = e.getLocalName();
            if (name.equals(XForm.REGISTRY_ID)) {
                registry = e.getTextContent().strip();
            } else if (name.equals("meta")) {
                for (Node m = e.getFirstChild(); m != null; m = m.getNextSibling()) {
                    if (m instanceof Element me && "instanceID".equals(me.getLocalName())) {
                        instanceId = me.getTextContent().strip();
                    }
                }
            } else {
                values.putIfAbsent(name, e.getTextContent().strip());
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
}
