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

Every promise below is enforced by the software that runs this site, and each one is checked by an automated test that fails if the promise is broken. If the software and this page ever disagreed, the change that caused it could not be released.

## Information collected when you browse

We count visits to improve the site's speed and make it easier to use. For each page view we record the page's address (without any search terms you typed), the website you came from (its name only, and only if it is another site), the kind of browser, operating system and device (for example "Firefox", "Android", "phone"), the US state you chose for prices, when the view happened and how long our server took to answer.

We do not record your name, your account, your email address, your internet (IP) address or your browser's full identification string with those statistics. To count how many different visitors we had in a day, we mix your IP address and browser details with a random value that changes every day and is destroyed after two days, and keep only the result. Nobody, including our staff, can use it to recognise you on another day. If your browser sends a Do Not Track or Global Privacy Control signal, we count the page view but not you as a visitor.

Our staff see these statistics only as totals and charts. Anyone outside the company who receives statistics receives totals only, and any total smaller than ten is left out so that nobody can be singled out.

## Information you give us

We collect your name, postal address, email address and phone number only when you type them into a form and send it: for example to register, order service, contact us, apply for a job or tell a friend about us. We ask for your card number, billing address, Social Security number and date of birth only when you open an online account or order service online, because we need them to bill you and to check credit.

## How we use it

We use information for the purpose you gave it for, and every personal field in our systems is labelled with the purposes it may be used for. Your Social Security number and date of birth can be read only for a credit check, and card details only for billing; each time anyone reads them, the system records who did it and why.

With your permission we may tell you about other Azultel services you may find useful. We do this only by marketing email, only if you said yes to that kind of message, and, where it involves information about your telephone service, only if you gave us the approval described in our CPNI notice.

If you are a local phone customer in an area we serve, you may keep a customer profile with your name, what you have bought from us and your billing details (a stored payment token, never your full card number), so that later purchases are quicker.

You can see your account, your services and your monthly bills online after signing in.

[[data-map]]

## Email

When you register we ask, with separate boxes that start unticked, whether you want company and product information, special offers and newsletters. You can change each choice at any time in your account, and every marketing email has a one-click unsubscribe link. An unsubscribe takes effect at once: the very next message is checked against it before it is sent.

Some messages go even if you have said no to marketing, because they are about your account or something you did: changes to services you have, replies to your own messages, confirmations of orders, payments and registrations, information you asked for, notices that a bill is ready if you chose paperless billing, and security, emergency and account-maintenance notices.

Every marketing email says it is from Azultel, gives our postal address and has a working unsubscribe link.

## Telling a friend

If you use "tell a friend", we send your friend exactly one email about our site or a product and use the referral only to see whether it led to a sale. We never add your friend to any mailing list, never email them again because of that referral, and do not keep their email address after the message is sent; we keep only a scrambled fingerprint of it so we can recognise the referral if they sign up, and we delete that on schedule.

## The phone directory

When you order phone service you choose how your number appears: listed (in the online directory and directory assistance), non-listed (directory assistance only) or non-published (nowhere). We follow that choice everywhere, and you can change it in your account.

## Sharing

We never sell personal information. We disclose it outside Azultel only with your authorization, when the law requires it (for example a court order), to protect someone's safety, or to publish the phone directory according to your listing choice. Every disclosure goes through one system that records who received what, about whom and on what basis, in a log that cannot be edited without detection.

If we hold an event with another company, the registration form names that company before you send it, and the hand-over of your details is recorded as a disclosure.

We do not combine information collected offline (for example in a store or by phone) with information collected on this site to build a profile of you, unless we told you when we collected it and you agreed.

## Security

Accounts are protected by passwords of at least twelve characters; we refuse common passwords, store only a slow, salted scrambling of each password and slow down repeated guessing. You can add a second sign-in step with an authenticator app, and we ask for your password again before sensitive changes.

Personal information is kept on systems our staff reach only as their job requires. Customer care sees sensitive fields masked, and every time a sensitive field is shown in full the system records who and why.

All pages are served over encrypted connections (HTTPS). Sensitive fields are also encrypted in our database with keys we can replace. We never store a full card number or the card's security code.

## Cookies

Our cookies hold identifiers, not personal information: a random visitor number, the session that remembers your sign-in and an order in progress, and the two-letter state code you chose for prices. You can browse without cookies; ordering needs the session cookie, and the checkout explains why.

## Advertising and web beacons

We show our own advertisements for Azultel products on this site. We choose them by your state and by broad, anonymous interest categories, show the same advertisement to you only a limited number of times, and measure them by counting views, clicks and orders without recording who you are. Tiny images used to count those events carry no personal information. If your browser sends Global Privacy Control, we stop tailoring advertisements to you.

## Global Privacy Control

If your browser sends the Global Privacy Control signal, we treat it as your request not to have your information sold or shared, and we record that choice on your account when you are signed in.

## Your rights

When signed in you can download everything we hold about you in a machine-readable file, and you can ask us to delete your account. We then erase what we may erase and remove your name from what the law requires us to keep, such as bills.

## How long we keep information

Detailed browsing statistics are deleted after 30 days, keeping only totals. Job applications, referral fingerprints and logs are deleted on fixed schedules. Records of your consent choices are kept for at least a year after you change them.

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
