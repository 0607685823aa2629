"""Strings of the encrypted vault: set-up, unlock, saving, settings."""

from server.pages import N_

STRINGS: dict[str, str] = {
    # Passphrase strength
    "strengthEmpty": N_("Use at least 12 characters. Several words are easiest."),
    "strengthTooShort": N_("Too short: use at least 12 characters."),
    "strengthTooWeak": N_("Too easy to guess. Add more words."),
    "strengthCommon": N_("Too easy to guess: this is one of the passwords people use most, and those are tried first."),
    "strengthPattern": N_(
        "Too easy to guess: it repeats letters, or follows the keyboard or the alphabet, like “aaaa”, “1234” or “qwerty”."
    ),
    "strengthRepeated": N_("Too easy to guess: a word used again adds almost nothing. Use different words."),
    "strengthFair": N_("Good enough. One or two more words make it stronger."),
    "strengthStrong": N_("Strong."),
    # Set-up and passphrase change
    "passphraseTooWeak": N_("This passphrase is too easy to guess. Make it longer, or use a suggested passphrase."),
    "passphraseFix": N_("Add more words, or use a suggested passphrase."),
    "passphraseMismatch": N_("The two passphrases are not the same. Type the same passphrase twice."),
    "vaultExists": N_("A plan already exists on this phone, perhaps made in another tab. Reload this page."),
    "creating": N_("Locking your plan…"),
    # Unlock
    "unlocking": N_("Unlocking…"),
    "wrongPassphrase": N_("That passphrase is not right. Check it and try again."),
    "tooManyTries": N_("Too many wrong tries. Wait a little before the next try."),
    "waitBeforeRetry": N_("You can try again in {time}."),
    "vaultDamaged": N_(
        "The locked plan on this phone is damaged and cannot be opened. Nothing was changed. "
        "If you have a backup file, see “Forgot your passphrase?” in Settings."
    ),
    "planDamaged": N_(
        "Your passphrase is right, but the saved plan is damaged and cannot be read. Nothing was changed. "
        "If you have a backup file, see “Forgot your passphrase?” in Settings."
    ),
    "unexpectedError": N_("Something went wrong. Nothing was changed. Reload the page and try again."),
    # Saving
    "saving": N_("Saving…"),
    "saved": N_("Saved on this phone."),
    "saveQuota": N_(
        "There is not enough storage space on this phone, so your last change was not saved. "
        "What was saved before is safe. Free up some space, then try again."
    ),
    "saveConflict": N_(
        "This plan was changed in another tab or window, so your last change here was not saved. "
        "Copy anything you typed, then show the newest version."
    ),
    "saveLocked": N_("The plan is locked. Unlock it to save changes."),
    "saveNoVault": N_("The plan was deleted in another tab or window. Reload this page."),
    "saveClosed": N_("The app was updated or its data changed in another tab. Reload this page to keep working."),
    "saveFailed": N_("Your last change could not be saved. What was saved before is safe. Try again."),
    "tryAgain": N_("Try again"),
    "showNewest": N_("Show the newest version"),
    "changedElsewhere": N_("This plan was changed in another tab or window. The newest version is shown."),
    "storageBlocked": N_("Close the other tabs of this app to continue."),
    "deletedElsewhere": N_("Everything was deleted in another tab or window."),
    "vaultMissing": N_(
        "The plan saved on this phone can no longer be found. The browser may have removed it, "
        "for example after a crash or when the phone was short of space. If you have a backup file, "
        "open it on the “Open a shared plan” page. If not, make a new plan."
    ),
    "storageRestored": N_(
        "This phone's storage lost part or all of your saved plan. The app keeps a second copy on this phone "
        "and has put your plan back from it. Check that your latest changes are there."
    ),
    "secondCopyFailed": N_(
        "Your change is saved, but the app could not update the second copy it keeps on this phone, "
        "perhaps because the phone is short of space. Free up some space, and save a backup file."
    ),
    # Backup reminders
    "backupChanges": N_("You have changes that are not in a backup file yet."),
    "backupPeriodic": N_("Your last backup file is more than 30 days old."),
    # Settings
    "storageUsage": N_("Used on this phone: {used} of about {quota} available."),
    "autoLockSaved": N_("Saved. The plan will lock after this time without use."),
    "passphraseChanged": N_("Your passphrase was changed. Use the new one from now on."),
    "changingPassphrase": N_("Changing the passphrase…"),
    "deleteConfirmWord": N_("DELETE"),
    "deleteNotConfirmed": N_("To delete, type the word exactly as shown."),
    "deleting": N_("Deleting…"),
    "deleted": N_("Everything was deleted from this phone. The app is still here."),
    "backupNever": N_("No backup file has been saved on this phone yet."),
    "backupLast": N_("Last backup file: {date}."),
}
