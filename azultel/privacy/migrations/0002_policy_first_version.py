"""The first published version of the Internet Privacy Policy.

Later versions are published by staff (and, when they change a use of personal data, announced
by email); this migration only makes sure a fresh installation never runs without a policy.
"""

import datetime

from django.db import migrations
from django.utils import timezone

VERSION = "2026.1"

BODY = """\
This policy explains what information Azultel's website collects, what we do with it, who we share it with and the choices you have. It covers this website and the emails we send from it. How we protect information about your telephone service itself is explained in our notice on [Telephone Company Customer Privacy](/legal/cpni/).

The promises below are built into the software that runs this site and are checked by automated tests that fail when a promise is broken; a change that breaks one is not released. The table of what we collect and why is produced from the software itself.

## Information collected when you browse

We count visits to improve the site's speed and make it easier to use. For each page view we record the page's address (without any search terms you typed; only the campaign tags of our own email and advertising links are kept), the website you came from (its name only, and only if it is another site), the kind of browser, operating system and device (for example "Firefox", "Android", "phone"), the US state you chose for prices, when the view happened (to the minute) and how long our server took to answer. A small script of ours also reports how long the page took to load in your browser; it sends nothing else, and it stays silent if your browser asks not to be tracked.

We do not record your name, your account, your email address, your internet (IP) address or your browser's full identification string with those statistics. To count how many different visitors we had in a day, we mix your IP address and browser details with a random value that changes every day and is destroyed after two days, and keep only the result. Nobody, including our staff, can use it to recognise you on another day. If your browser sends a Do Not Track or Global Privacy Control signal, we count the page view but not you as a visitor.

Our staff see these statistics only as totals and charts. Anyone outside the company who receives statistics receives totals only, and any total smaller than ten is left out so that nobody can be singled out.

## Information you give us

We collect your name, postal address, email address and phone number only when you type them into a form and send it: for example to register, order service or contact us. We ask for your card number and billing address only when you order online or pay a bill online, and for your Social Security number and date of birth only when you order a service that needs a credit check. We need them to bill you and to check credit. Our card processor keeps the card number; we keep only its token, the card's brand, the last four digits and the expiry date.

## How we use it

We use information for the purpose you gave it for, and every personal field in our systems is labelled with the purposes it may be used for. Your Social Security number and date of birth are stored encrypted and can be used in full only for a credit check; each time anyone or anything uses them in full, the system records who, why and when. Staff otherwise see only the last four digits. We erase them 90 days after the credit decision.

With your permission we may tell you about other Azultel services you may find useful. We do this only by marketing email, only if you said yes to that kind of message, and, where it involves information about your telephone service, only if you gave us the approval described in our CPNI notice.

If you are a local phone customer in an area we serve, you may keep a customer profile with your name, what you have bought from us and your billing details (a stored payment token, never your full card number), so that later purchases are quicker.

You can see your account, your services and your monthly bills online after signing in.

[[data-map]]

## Email

When you register we ask, with separate boxes that start unticked, whether you want company and product information, special offers and newsletters. You can change each choice at any time in your account, and every marketing email has a one-click unsubscribe link. An unsubscribe takes effect at once: the very next message is checked against it before it is sent.

Some messages go even if you have said no to marketing, because they are about your account or something you did: changes to services you have, replies to your own messages, confirmations of orders, payments and registrations, information you asked for, notices that a bill is ready if you chose paperless billing, and security, emergency and account-maintenance notices.

Every marketing email says it is from Azultel, gives our postal address and has a working unsubscribe link.

## Telling a friend

This site does not offer a tell-a-friend form yet. Our email system is already built for the rule we will follow when it does: your friend gets exactly one email about our site or a product, is never added to any list or emailed again because of that referral, and their address is not kept after the message is sent, only a scrambled fingerprint to recognise the referral if they sign up.

## The phone directory

When you order phone service you choose how your number appears: listed (in the online directory and directory assistance), non-listed (directory assistance only) or non-published (nowhere). We follow that choice everywhere, and you can change it in your account.

## Sharing

We never sell personal information. We disclose it outside Azultel only with your authorization, when the law requires it (for example a court order), to protect someone's safety, or to publish the phone directory according to your listing choice. Every disclosure goes through one system that records who received what, about whom and on what basis, in a log that cannot be edited without detection.

This site does not take registrations for events held with other companies. If it ever does, the form will name that company before you send it, and the hand-over of your details will be recorded as a disclosure.

We do not combine information collected offline (for example in a store or by phone) with information collected on this site to build a profile of you, unless we told you when we collected it and you agreed.

## Security

Accounts are protected by passwords of at least twelve characters; we refuse common passwords, store only a slow, salted scrambling of each password and slow down repeated guessing. You can add a second sign-in step with an authenticator app, and we ask for your password again before sensitive changes.

Personal information is kept on systems our staff reach only as their job requires. Customer care sees sensitive fields masked, and every time a sensitive field is shown in full the system records who and why.

All pages are served over encrypted connections (HTTPS). Sensitive fields are also encrypted in our database with keys we can replace. We never store a full card number or the card's security code.

## Cookies

Our cookies hold identifiers, not personal information: a random session identifier that remembers your sign-in and an order in progress (set when you sign in or add something to your cart), a random security token that protects our forms (set when you open a page with a form), and the two-letter state code you chose for prices (set only when you choose one). Reading our other pages sets no cookie, and no other company sets any cookie through this site. You can browse and compare prices without cookies; ordering needs the session cookie, and the checkout explains why.

## Advertising and web beacons

This site shows no advertising from other companies, loads nothing from advertising or tracking companies and uses no web beacons. Our offers are shown by the state you chose, the same for everyone in that state. If we ever measure our own offers, we will count views and clicks without recording who you are, and update this policy first.

## Global Privacy Control

If your browser sends the Global Privacy Control signal, we treat it as your request not to have your information sold or shared, we do not count you as a visitor in our statistics, and we record that choice on your account when you are signed in. Our page-timing script stays silent too.

## Your rights

When signed in you can download everything we hold about you in a machine-readable file, and you can ask us to delete your account. We then erase what we may erase and remove your name from what the law requires us to keep, such as bills.

## How long we keep information

Detailed browsing statistics are deleted after 30 days, keeping only totals, and the daily value used to count visitors is destroyed after two days. Social Security numbers and dates of birth are erased 90 days after the credit decision, and carts never ordered after 30 days. Contact Us messages, the log of staff readings of sensitive details and the directory-assistance search log are deleted after two years. Email contents are deleted 90 days after sending. Records of your consent choices are kept for at least a year after you change them. The table above gives the rule for each kind of information.

## Changes to this policy

Each version of this policy has a number and a date, and earlier versions stay readable on this page. If a new version changes how we use personal information, we email every account holder a summary of the change with a one-click way to refuse the new use, and we keep a record of who was told.

## Contact

Questions about privacy can be sent through [Contact us](/contact/) (choose "Privacy question").
"""


def create_first_version(apps, schema_editor):
    PolicyVersion = apps.get_model("privacy", "PolicyVersion")
    PolicyVersion.objects.get_or_create(
        version=VERSION,
        defaults={
            "effective_date": datetime.date(2026, 11, 1),
            "title": "Internet Privacy Policy",
            "body": BODY,
            "summary_of_changes": "",
            "changes_personal_data_use": False,
            "published_at": timezone.now(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(create_first_version, migrations.RunPython.noop)]
