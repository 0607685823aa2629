"""Strings of sharing: the locked file (export and import), shared plans, printing."""

from server.pages import N_

STRINGS: dict[str, str] = {
    # Why a file was refused: one message for each error code of docs/file-format.md
    "file-too-large": N_("This file is too large to be a plan file. Check that you chose the right file."),
    "file-empty": N_("This file is empty. Ask for the file to be sent again."),
    "file-not-json": N_("This is not a plan file. Check that you chose the file you were sent."),
    "file-not-famplan": N_("This file is not a family plan. Check that you chose the file you were sent."),
    "file-unsupported-version": N_("This file was made by a newer version of the app. Update the app, then open the file again."),
    "file-malformed-field": N_("This file is damaged: a part of it is missing or wrong. Ask for a new copy."),
    "file-kdf-out-of-bounds": N_("This file was refused for your safety: its lock settings are outside the safe range. Ask for a new copy."),
    "file-wrong-passphrase-or-tampered": N_(
        "The file did not open. Check the passphrase. If it is right, the file may have been changed or damaged: ask for a new copy."
    ),
    "file-payload-damaged": N_("The passphrase is right, but the file is damaged. Ask for a new copy."),
    "file-invalid-payload": N_("The file opened, but it does not hold a plan this app can read. Ask for a new copy."),
    "file-newer-schema": N_("This plan was made with a newer version of the app. Update the app, then open the file again."),
    "file-unreadable": N_("The file could not be read. Choose it again."),
    "file-nothing-received": N_("No file arrived. Share the file with this app again."),
    "file-not-from-share": N_(
        "A web page tried to send a file to this app. It was not opened: a plan file comes only from "
        "this phone's Share menu or from its files."
    ),
    # Opening a file
    "importOpening": N_("Opening the file…"),
    # Where the file came from: the first line of the preview
    "importFromFiles": N_("You chose this file from the files on this phone."),
    "importFromDrop": N_("This file was dropped onto this page."),
    "importFromShare": N_("This file came into the app from outside: from another app's “Share” menu, or from a web page."),
    "importFromLaunch": N_("This file was opened with the app from this computer's files."),
    "importKindFull": N_("A whole family plan."),
    "importKindCaregiver": N_("A caregiver's copy of a family plan."),
    "importMadeOn": N_("The file was made on {date}."),
    "importPeople": N_("People in it: {names}."),
    "importDefaultLabel": N_("Shared plan"),
    "importKept": N_("Saved on this phone, with the plans shared with you."),
    "importReplaced": N_("This is now your plan. Your earlier plan is kept as a backup that you can restore."),
    "importSaveFailed": N_("The plan could not be saved on this phone. Nothing was changed. Try again."),
    # Plans shared with me
    "sharedReceived": N_("Received on {date}."),
    "sharedView": N_("Read the whole plan"),
    "sharedHide": N_("Hide the whole plan"),
    "sharedPrint": N_("Print"),
    "sharedRemove": N_("Remove"),
    "sharedRemoveConfirm": N_("Remove “{label}” from this phone? You can open the file again later if you still have it."),
    "sharedRemoved": N_("Removed from this phone."),
    "sharedReadOnly": N_("Shared with you by another family. You can read it here, but not change it."),
    "backupRestored": N_("Your earlier plan is back. The plan it replaced is now the backup."),
    # Making a file
    "exportLocking": N_("Locking the file…"),
    "exportReady": N_("The locked file is ready. Send it or save it, then give the passphrase another way."),
    "exportShared": N_("Sent. Now give the passphrase another way: say it on the phone, or write it on paper."),
    "exportSaved": N_("The file was saved on this phone, usually in Downloads. Send it from there, and give the passphrase another way."),
    "exportCancelled": N_("Not sent. You can try again."),
    "exportShareFailed": N_("Sending did not work on this phone. Save the file instead, then send it from your files."),
    "exportFailed": N_("The file could not be made. Nothing was changed. Try again."),
    "exportNothing": N_("Your plan is still empty. Write something in it first."),
    "exportWeakPassphrase": N_("This passphrase is too easy to guess. Use the suggested words, or a longer passphrase."),
    # On paper
    "yes": N_("Yes"),
    "no": N_("No"),
    "printPlanTitle": N_("Family Preparedness Plan"),
    "printPaperNote": N_("Paper is not encrypted. Keep this page somewhere safe."),
    "cardNoName": N_("(no name yet)"),
    "cardCaregivers": N_("If my parents cannot come, call"),
    "cardPickup": N_("Allowed to pick me up"),
    "cardNumbers": N_("Numbers I know by heart"),
    "cardHealth": N_("Health"),
    "cardMeeting": N_("Meeting place"),
    "letterDate": N_("Date: ____________________"),
    "letterTo": N_("To the staff of {school}"),
    "letterTitle": N_("Adults authorized to pick up my child"),
    "letterBody": N_(
        "If I cannot pick up my child, I authorize the adults listed below to pick up my child. "
        "Please release my child only to a person on this list, after checking a photo ID."
    ),
    "letterChild": N_("Child: {child}"),
    "letterNobody": N_("No one is listed yet."),
    "letterResource": N_("Please also give a copy to the school's Safe Haven resource person: {person}"),
    "letterKeep": N_("Please keep this letter in my child's school file, and do not share it outside the school."),
    "letterSignature": N_("Signature of parent or guardian ({name}): ____________________"),
}
