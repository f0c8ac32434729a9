package cn.liangxin.rules;

import java.util.List;

/**
 * The verdict on one organization.
 *
 * @param approaching the next form when members are within the approach margin of its threshold
 * @param blankSpot   active and not covered by an active party organization
 */
public record Classification(RequiredForm requiredForm, RequiredForm approaching, List<Gap> gaps,
                             boolean blankSpot, String summary) {
}
