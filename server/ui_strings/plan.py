"""Strings of the plan editor: the guided steps, the overview, keeping the plan
current, and the children's pages. Placeholders in braces are filled in by the
browser; translations keep them as they are."""

from server.pages import N_

STRINGS: dict[str, str] = {
    # Steps
    "editorStepOf": N_("Step {number} of {total}"),
    "editorAnswered": N_("{filled} of {total} answered"),
    "editorOptionalPart": N_("You can leave this part empty."),
    "editorStepsNav": N_("Steps"),
    "editorBack": N_("Back"),
    "editorNext": N_("Next"),
    "editorSkip": N_("Skip for now"),
    "editorFinish": N_("Done: see the whole plan"),
    # Answers
    "editorRequired": N_("(required)"),
    "editorYes": N_("Yes"),
    "editorNo": N_("No"),
    "editorChoose": N_("Choose…"),
    "editorUnknownPerson": N_("A person who is no longer in the plan"),
    "editorKeptValue": N_("Kept as it was saved: {value}"),
    "editorNoPeopleYet": N_("First add the people in {section}."),
    "editorNoChildrenYet": N_("First add the children in {section}."),
    "editorANumberCanonical": N_("With 9 digits, as the detainee locator asks for it: {number}"),
    # Lists
    "editorItemNumber": N_("{item} {number}"),
    "editorAdd": N_("Add: {item}"),
    "editorRemove": N_("Remove"),
    "editorMoveUp": N_("Move up"),
    "editorMoveDown": N_("Move down"),
    "editorRemoved": N_("{item} was removed."),
    "editorUndo": N_("Undo"),
    # Overview
    "editorOverview": N_("Overview"),
    "editorOverviewHelp": N_(
        "Fill in the parts in any order, and stop at any time: everything is saved on this phone as you type."
    ),
    "editorContinue": N_("Continue: {section}"),
    "editorGapsTitle": N_("Most important first"),
    "editorNoGaps": N_("The most important parts are filled in."),
    "editorGoTo": N_("Go to {section}"),
    "editorSectionsTitle": N_("All parts of the plan"),
    "editorToCheck": N_("Some answers here need checking."),
    "editorChildPagesTitle": N_("Pages for the children"),
    "editorChildPagesHelp": N_("A page for each child, in simple words. Read it together."),
    "editorChildPageLink": N_("Page for {name}"),
    "editorNoChildren": N_("Add the children in {section} to make a page for each of them."),
    # Keeping the plan current
    "editorKeepCurrent": N_("Keep the plan current"),
    "editorReviewNext": N_("Next review: {date}."),
    "editorReviewDue": N_("It is time to review the plan with your family (planned for {date})."),
    "editorReviewNotSet": N_("No review date is set. Review the plan with your family, then mark it as reviewed."),
    "editorLastReviewed": N_("Last reviewed: {date}."),
    "editorNeverReviewed": N_("Not reviewed yet."),
    "editorMarkReviewed": N_("We reviewed the plan today"),
    "editorExpiringTitle": N_("Papers to renew"),
    "editorPersonDocumentExpired": N_("{document} of {person}: expired on {date}."),
    "editorPersonDocumentExpires": N_("{document} of {person}: expires on {date}."),
    "editorDocumentExpired": N_("{document}: expired on {date}."),
    "editorDocumentExpires": N_("{document}: expires on {date}."),
    "editorAuthorityEnded": N_("The caregiver's power of attorney for the children ended on {date}."),
    "editorAuthorityEnds": N_("The caregiver's power of attorney for the children ends on {date}."),
    "editorAboutBackups": N_("About backups"),
    # Opening the plan
    "editorNewerPlan": N_(
        "This plan was saved by a newer version of the app. Reload the page to update the app. Nothing was changed."
    ),
    "editorUnreadablePlan": N_("This app cannot read the saved plan. Nothing was changed."),
    # A child's page, in words for a child
    "childTitle": N_("For {name}"),
    "childLead": N_(
        "If your parent does not come home, it is not your fault. The grown-ups who love you have a plan to keep you safe."
    ),
    "childPickUpTitle": N_("Who will pick you up"),
    "childAtSchool": N_("At {school}:"),
    "childPickUpNone": N_("Ask your family who will pick you up."),
    "childCareTitle": N_("Who will take care of you"),
    "childNumbersTitle": N_("Numbers to know by heart"),
    "childNumbersHelp": N_("Say them out loud with your family until you know them."),
    "childNumbersNone": N_("Ask your family which phone number to learn by heart."),
    "childStepsTitle": N_("What to do"),
    "childStep1": N_("Stay calm. You are not in trouble."),
    "childStep2": N_("Stay at school, or where you are, and tell your teacher or a grown-up you trust."),
    "childStep3": N_("Wait for a person on your list to pick you up."),
    "childStep4": N_("Call a number you know by heart."),
    "childStep5": N_("Do not open the door to people you do not know."),
    "childFamilyWords": N_("What your family wants you to know:"),
    "childMeetingPlace": N_("If you cannot go home, go to: {place}"),
    "childBack": N_("Back to the plan"),
}
