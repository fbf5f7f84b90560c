package dev.portrait.server.privacy;

import dev.portrait.tl.api.*;

import java.util.List;

/**
 * The privacy keys: the input constructor a client sends, the name the store uses, the constructor returned, and the
 * rules an account has before it sets any (Telegram's defaults: phone number visible to contacts, everything else to
 * everybody).
 */
public enum PrivacyKeys {
    STATUS_TIMESTAMP("status_timestamp", new PrivacyKeyStatusTimestamp()),
    CHAT_INVITE("chat_invite", new PrivacyKeyChatInvite()),
    PHONE_CALL("phone_call", new PrivacyKeyPhoneCall()),
    PHONE_P2P("phone_p2p", new PrivacyKeyPhoneP2P()),
    FORWARDS("forwards", new PrivacyKeyForwards()),
    PROFILE_PHOTO("profile_photo", new PrivacyKeyProfilePhoto()),
    PHONE_NUMBER("phone_number", new PrivacyKeyPhoneNumber()),
    ADDED_BY_PHONE("added_by_phone", new PrivacyKeyAddedByPhone()),
    VOICE_MESSAGES("voice_messages", new PrivacyKeyVoiceMessages()),
    ABOUT("about", new PrivacyKeyAbout()),
    BIRTHDAY("birthday", new PrivacyKeyBirthday()),
    STAR_GIFTS_AUTO_SAVE("star_gifts_auto_save", new PrivacyKeyStarGiftsAutoSave()),
    NO_PAID_MESSAGES("no_paid_messages", new PrivacyKeyNoPaidMessages()),
    SAVED_MUSIC("saved_music", new PrivacyKeySavedMusic());

    private final String storeName;
    private final TypePrivacyKey key;

    PrivacyKeys(String storeName, TypePrivacyKey key) {
        this.storeName = storeName;
        this.key = key;
    }

    public String storeName() {
        return storeName;
    }

    public TypePrivacyKey key() {
        return key;
    }

    public List<TypePrivacyRule> defaults() {
        return this == PHONE_NUMBER
                ? List.of(new PrivacyValueAllowContacts(), new PrivacyValueDisallowAll())
                : List.of(new PrivacyValueAllowAll());
    }

    public static PrivacyKeys of(TypeInputPrivacyKey input) {
        return switch (input) {
            case InputPrivacyKeyStatusTimestamp k -> STATUS_TIMESTAMP;
            case InputPrivacyKeyChatInvite k -> CHAT_INVITE;
            case InputPrivacyKeyPhoneCall k -> PHONE_CALL;
            case InputPrivacyKeyPhoneP2P k -> PHONE_P2P;
            case InputPrivacyKeyForwards k -> FORWARDS;
            case InputPrivacyKeyProfilePhoto k -> PROFILE_PHOTO;
            case InputPrivacyKeyPhoneNumber k -> PHONE_NUMBER;
            case InputPrivacyKeyAddedByPhone k -> ADDED_BY_PHONE;
            case InputPrivacyKeyVoiceMessages k -> VOICE_MESSAGES;
            case InputPrivacyKeyAbout k -> ABOUT;
            case InputPrivacyKeyBirthday k -> BIRTHDAY;
            case InputPrivacyKeyStarGiftsAutoSave k -> STAR_GIFTS_AUTO_SAVE;
            case InputPrivacyKeyNoPaidMessages k -> NO_PAID_MESSAGES;
            case InputPrivacyKeySavedMusic k -> SAVED_MUSIC;
        };
    }
}
