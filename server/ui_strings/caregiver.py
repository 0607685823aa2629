"""Strings of the caregiver's path: opening a file one step at a time, keeping it,
the list of plans shared with me, and "If you get the call", the steps built
from a received plan (frontend/static/js/views/action-view.js). Placeholders in
braces are filled in by the browser; translations keep them as they are."""

from server.pages import N_

STRINGS: dict[str, str] = {
    # "If you get the call"
    "stepsTitle": N_("If you get the call"),
    "stepsLead": N_("What to do, in order, from what the family wrote. Tick each step when it is done."),
    "stepsFamily": N_("Family: {name}"),
    "stepsMadeAge": N_("The file was made on {date} ({age})."),
    "stepsMadeUnknown": N_("The file does not say when it was made."),
    "stepsStale": N_("The family meant to check this plan again by {date}. That day has passed: ask the family for a fresh copy."),
    "stepsTicksMemory": N_("Ticks stay only while this page is open. Nothing is saved on this phone."),
    "stepsTicksKept": N_("Ticks are saved, locked, with this plan on this phone."),
    "stepsTicksPreview": N_("Ticks here are only for trying it out: they are not saved."),
    "stepsTickSaveFailed": N_("The tick could not be saved on this phone. Try again."),
    "stepsPrint": N_("Print these steps"),
    "stepsClose": N_("Close the steps"),
    "stepsCloseUnsaved": N_("Close without saving"),
    "stepsPartChildren": N_("First, the children"),
    "stepsPartParent": N_("Then, find the parent"),
    "stepsPartFamily": N_("Then, the family's own instructions"),
    "stepsAdultsPage": N_("For the adults"),
    "stepsPapers": N_("Take the paper that lets you care for the children"),
    "stepsPapersBring": N_(
        "Bring it when you pick up the children, with your photo ID, and the letter for the school if the family printed one."
    ),
    "stepsPickUp": N_("Pick up {name}"),
    "stepsPickUpWho": N_("Who may pick up {name}"),
    "stepsResource": N_("At the school, ask for the Safe Haven resource person"),
    "stepsHealth": N_("Allergies and medicines: {name}"),
    "stepsAbout": N_("About {name}"),
    "stepsKnownByHeart": N_("Numbers {name} knows by heart"),
    "stepsFind": N_("Look for {name}"),
    "stepsLocatorDigits": N_("For the locator: {digits}"),
    "stepsLawyer": N_("Call the lawyer"),
    "stepsConsulate": N_("Call the consulate"),
    "stepsContacts": N_("Call the family's emergency contacts"),
    "stepsOutOfTown": N_("Tell the out-of-town contact"),
    "stepsCare": N_("Who takes care of the children"),
    "stepsInstructions": N_("The family's instructions for this day"),
    "stepsMeeting": N_("Meeting places"),
    "stepsDocuments": N_("Where the documents are"),
    "stepsMoney": N_("Money and bills"),
    "stepsPets": N_("Pets"),
    "stepsTravel": N_("Travel papers"),
    "stepsNotes": N_("Other notes"),
    "stepsNoPets": N_("The family has no pets."),
    "stepsMore": N_("More details"),
    "stepsAddIt": N_("Add it to your plan"),
    # What the family did not write, said plainly
    "gapNoChildren": N_("The family did not list any children."),
    "gapPaper": N_("The family did not say which paper lets you care for the children."),
    "gapNoPaper": N_("The family has no paper yet that lets you care for the children."),
    "gapPaperPlace": N_("The family did not say where the paper is."),
    "gapPaperChild": N_("The paper does not name {name}."),
    "gapSchool": N_("The family did not say which school or daycare {name} goes to."),
    "gapPickup": N_("The family did not name anyone who may pick up {name}."),
    "gapPickupTimes": N_("The family did not write down when {name} is picked up."),
    "gapHealth": N_("The family did not write down allergies or medicines for {name}."),
    "gapAllergies": N_("The family did not say whether {name} has allergies."),
    "gapMedicines": N_("The family did not say whether {name} takes medicines."),
    "gapANumber": N_("The family did not give the A-number of {name}. Search by name and country of birth instead."),
    "gapCountry": N_("The family did not give the country of birth of {name}. The locator needs it."),
    "gapLawyer": N_("The family did not say who the lawyer is."),
    "gapNoLawyer": N_("The family has no lawyer."),
    "gapLawyerPhone": N_("The family did not give the lawyer's phone number."),
    "gapConsulate": N_("The family did not give a consulate's phone number."),
    "gapContacts": N_("The family did not list an emergency contact with a phone number."),
    "gapOutOfTown": N_("The family did not name an out-of-town contact."),
    "gapCaregiver": N_("The family did not say who takes care of the children."),
    "gapInstructions": N_("The family did not write instructions for this day."),
    "gapMeeting": N_("The family did not name a meeting place."),
    "gapDocuments": N_("The family did not say where the documents are."),
    "gapMoney": N_("The family did not write about money and bills."),
    "gapPets": N_("The family did not write about pets."),
    "gapNotInCopy": N_("A caregiver's copy does not hold “{part}”. Ask the family if you need it."),
    # How old a file is, where the browser cannot say it in the page's language
    "ageToday": N_("today"),
    "ageDays": N_("{count} days ago"),
    "ageMonths": N_("{count} months ago"),
    "ageYears": N_("{count} years ago"),
    # Opening a file, one step at a time
    "importFamily": N_("Family name: {name}."),
    "storeKeepTitle": N_("Keep it on this phone"),
    "storeReplaceTitle": N_("Replace my plan with this one"),
    "storeUnlockSubmit": N_("Unlock and save the plan"),
    "storeUnlockOnly": N_("Unlock"),
    "storeSaving": N_("Saving the plan on this phone…"),
    # Plans shared with me
    "sharedSteps": N_("Open the steps"),
    "sharedYourName": N_("Your name for it: {label}"),
    # On paper
    "printPlanTitleFamily": N_("Family Preparedness Plan: {family}"),
    # The family's own editor
    "editorCaregiverView": N_("Check what my caregiver will see"),
    "editorCaregiverIntro": N_(
        "This is what your caregiver sees when they open a caregiver's copy of your plan with every part in it. "
        "Where it says something is missing, you can add it."
    ),
}
