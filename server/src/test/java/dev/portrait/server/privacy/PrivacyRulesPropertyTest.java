package dev.portrait.server.privacy;

import dev.portrait.server.rpc.RpcException;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.*;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a rule list decides for one viewer: named users beat everything, then bots, premium, contacts, everybody. */
class PrivacyRulesPropertyTest {
    static final long VIEWER = 42;

    static UserRecord viewer(boolean bot, boolean premium) {
        return new UserRecord(VIEWER, bot ? null : "1", "V", "", null, "", premium, bot, 0, null, 0, 0, 0, false);
    }

    @Provide
    Arbitrary<List<TypePrivacyRule>> rules() {
        Arbitrary<List<Long>> users = Arbitraries.longs().between(40, 44).list().ofMaxSize(3);
        Arbitrary<TypePrivacyRule> rule = Arbitraries.oneOf(
                Arbitraries.just(new PrivacyValueAllowAll()), Arbitraries.just(new PrivacyValueDisallowAll()),
                Arbitraries.just(new PrivacyValueAllowContacts()), Arbitraries.just(new PrivacyValueDisallowContacts()),
                Arbitraries.just(new PrivacyValueAllowPremium()), Arbitraries.just(new PrivacyValueAllowBots()),
                Arbitraries.just(new PrivacyValueDisallowBots()),
                users.map(PrivacyValueAllowUsers::new), users.map(PrivacyValueDisallowUsers::new));
        return rule.list().ofMaxSize(6);
    }

    @Property
    void aDisallowedUserNeverSees(@ForAll("rules") List<TypePrivacyRule> rules, @ForAll boolean bot, @ForAll boolean premium, @ForAll boolean contact) {
        List<TypePrivacyRule> withDeny = new java.util.ArrayList<>(rules);
        withDeny.add(new PrivacyValueDisallowUsers(List.of(VIEWER)));
        assertThat(PrivacyManager.evaluate(withDeny, viewer(bot, premium), () -> contact)).isFalse();
    }

    @Property
    void anAllowedUserSeesUnlessAlsoDisallowed(@ForAll("rules") List<TypePrivacyRule> rules, @ForAll boolean bot, @ForAll boolean premium, @ForAll boolean contact) {
        boolean denied = rules.stream().anyMatch(r -> r instanceof PrivacyValueDisallowUsers d && d.users().contains(VIEWER));
        List<TypePrivacyRule> withAllow = new java.util.ArrayList<>(rules);
        withAllow.add(new PrivacyValueAllowUsers(List.of(VIEWER)));
        assertThat(PrivacyManager.evaluate(withAllow, viewer(bot, premium), () -> contact)).isEqualTo(!denied);
    }

    @Property
    void withoutNamedRulesTheGeneralOnesDecide(@ForAll boolean allowAll, @ForAll boolean contactsRule, @ForAll boolean contact) {
        List<TypePrivacyRule> rules = contactsRule
                ? List.of(new PrivacyValueAllowContacts(), allowAll ? new PrivacyValueAllowAll() : new PrivacyValueDisallowAll())
                : List.of(allowAll ? new PrivacyValueAllowAll() : new PrivacyValueDisallowAll());
        boolean expected = allowAll || (contactsRule && contact);
        assertThat(PrivacyManager.evaluate(rules, viewer(false, false), () -> contact)).isEqualTo(expected);
    }

    @Property
    void validatedRuleSetsNeverSayYesAndNoToTheSameUser(@ForAll("rules") List<TypePrivacyRule> rules) {
        try {
            PrivacyManager.checkConsistent(rules);
        } catch (RpcException e) {
            assertThat(e.getMessage()).isEqualTo("PRIVACY_VALUE_INVALID");
            return;
        }
        for (TypePrivacyRule r : rules) {
            if (r instanceof PrivacyValueAllowUsers a) {
                for (TypePrivacyRule o : rules) {
                    if (o instanceof PrivacyValueDisallowUsers d) assertThat(d.users()).noneMatch(a.users()::contains);
                }
            }
        }
        assertThat(rules.contains(new PrivacyValueAllowAll()) && rules.contains(new PrivacyValueDisallowAll())).isFalse();
    }

    @Example
    void noRulesMeansNo() {
        assertThat(PrivacyManager.evaluate(List.of(), viewer(false, true), () -> true)).isFalse();
        assertThatThrownBy(() -> PrivacyManager.checkConsistent(List.of(new PrivacyValueAllowBots(), new PrivacyValueDisallowBots())))
                .hasMessage("PRIVACY_VALUE_INVALID");
    }
}
