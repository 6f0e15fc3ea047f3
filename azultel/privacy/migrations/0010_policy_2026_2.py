"""Version 2026.2 of the Internet Privacy Policy: what the features added since 2026.1 do.

2026.1 said there was no tell-a-friend form and no event registration with other companies, and
said nothing about contact conversations, job applications, bounce reports, the site's own
offers and beacons, or requests from people without an account. This version says what the code
now does. No existing use of personal data changes, so no change notice is emailed
(``changes_personal_data_use`` stays off); earlier versions stay readable on the policy page.
The text is 2026.1's with those sections added or rewritten.
"""

from django.db import migrations
from django.utils import timezone

VERSION = "2026.2"

SUMMARY = 'New sections describe features added to the site: telling a friend, events held with other companies, conversations after a Contact Us message, job applications, our own offers on the site with their cookies and web beacons, privacy requests from anyone (with or without an account) and their deadlines, and sign-up for adults only. We also now stop marketing email to addresses that bounce or report our email as spam. None of these changes how we use information you have already given us.'

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

If an email to you cannot be delivered for good, or you report one of ours as spam, your email provider tells our mail server and we stop sending marketing email to that address.

## Messages to us

When you write to us through Contact Us, we email you a reference number and a private link to the conversation; you can answer by replying to that email or through the link. Our staff see the conversation, and notes they write for each other are never sent to you. Privacy questions are read only by our privacy office. If you were signed in, or wrote from an address you have confirmed on your account, the conversation also appears in your account.

## Applying for a job

When you apply for a job or send us your résumé, only our recruiting staff see your application, and every time someone opens your résumé the system records who and when. Answers to the optional equal-opportunity questions are kept apart from your application, never shown to the people deciding, and reported only as totals. You get a private link where you can see where your application stands, download what we hold, withdraw it or have it deleted. If you are not hired, your application and résumé are deleted 12 months after the last step in your application; if you are hired, we keep only your name, email, the job and the hiring date.

## Telling a friend

You can tell a friend about our site or one of our plans with the form on a plan page or in your account. Your friend gets exactly one email from our own address, saying who sent it and that we will not write again because of it. We never add your friend to any list. Once the email is sent we keep only a scrambled fingerprint of the address, never the address itself: it lets us count the referral if your friend signs up or orders, and stops anyone from sending them another invitation within 30 days. The fingerprint is erased after 180 days. If your friend has told us not to send them email, nothing is sent. Every invitation has a link your friend can use to block any further invitations.

## The phone directory

When you order phone service you choose how your number appears: listed (in the online directory and directory assistance), non-listed (directory assistance only) or non-published (nowhere). We follow that choice everywhere, and you can change it in your account.

## Sharing

We never sell personal information. We disclose it outside Azultel only with your authorization, when the law requires it (for example a court order), to protect someone's safety, or to publish the phone directory according to your listing choice. Every disclosure goes through one system that records who received what, about whom and on what basis, in a log that cannot be edited without detection.

Some of our events are held with another company (a co-sponsor). The registration form names that company and lists exactly which of your details it would receive, before you send the form. The co-sponsor receives them only if you tick the box that says so; the box starts unticked and you can register without it. Each hand-over is approved by our privacy officer, contains only the listed details of the people who agreed, and is recorded as a disclosure. Reports to a co-sponsor after the event contain only totals, leaving out any total small enough to point to a person. Registrations are deleted 90 days after the event.

We do not combine information collected offline (for example in a store or by phone) with information collected on this site to build a profile of you, unless we told you when we collected it and you agreed.

## Security

Accounts are protected by passwords of at least twelve characters; we refuse common passwords, store only a slow, salted scrambling of each password and slow down repeated guessing. You can add a second sign-in step with an authenticator app, and we ask for your password again before sensitive changes.

Personal information is kept on systems our staff reach only as their job requires. Customer care sees sensitive fields masked, and every time a sensitive field is shown in full the system records who and why.

All pages are served over encrypted connections (HTTPS). Sensitive fields are also encrypted in our database with keys we can replace. We never store a full card number or the card's security code.

## Cookies

Our cookies hold identifiers, not personal information: a random session identifier that remembers your sign-in and an order in progress (set when you sign in or add something to your cart), a random security token that protects our forms (set when you open a page with a form), and the two-letter state code you chose for prices (set only when you choose one). Reading our other pages sets no cookie, and no other company sets any cookie through this site. You can browse and compare prices without cookies; ordering needs the session cookie, and the checkout explains why.

Once this site has shown you one of our own offers, it may also set these small cookies, signed so they cannot be altered, none holding an identifier or anything about who you are: one with today's date and how many times each offer was shown to you today (so that no offer is shown more often than its limit; replaced every day), one with the kinds of our pages you viewed and the last day of each (forgotten after 30 days; never set under Global Privacy Control or Do Not Track or after you turn tailoring off), one that remembers you turned tailored offers off, and, after you click an offer, one with that offer's numbers and your chosen state, so that an order or sign-up within 7 days is counted once in the totals.

## Advertising and web beacons

This site shows no advertising from other companies and loads nothing from advertising or tracking companies. It does show Azultel's own offers in a few places (the home page, beside the plans in the shop and on your account's home page). Our server chooses each offer while it builds the page, from only three things: the place on the page, the state you chose for prices, and, unless you turned this off, the kinds of our own pages you looked at in the last 30 days (home internet, home phone, bundles or business). It never uses your name, your account, your email address or anything from other websites, even when you are signed in. Each offer has a "Why am I seeing this?" link to a page that shows what was used and lets you clear it or turn tailored offers off. If your browser sends Global Privacy Control or Do Not Track, offers are never tailored; the state you chose still decides which offers and prices apply.

We count how many times each offer was shown and clicked, and how many orders and sign-ups followed a click within 7 days, as daily totals per offer, place and state. A click goes through a link of ours that carries only the offer's campaign and version numbers; the individual clicks are deleted within minutes, once they are added to the totals, and are never linked to your account. Our emails and some partner pages may contain a web beacon: a clear image of one pixel, loaded from this site, that carries only the campaign and version numbers of an offer and sets no cookie. Partners receive only daily totals, with small numbers left blank.

## Global Privacy Control

If your browser sends the Global Privacy Control signal, we treat it as your request not to have your information sold or shared, we do not count you as a visitor in our statistics, and we record that choice on your account when you are signed in. Our page-timing script stays silent too.

## Your rights

Anyone, with or without an account, can ask us through our [privacy request form](/privacy/requests/new/) for a copy of what we hold about them, to delete it, to correct it, not to sell or share it, or to limit the use of sensitive information, and can appeal our answer. We confirm the request by a link sent to your email address, or, when you are signed in, by asking for your password again. Someone acting for you must send your signed permission, which our privacy office checks first. We acknowledge a request within 10 days and answer within 45; if we need more time we tell you why, once, and answer within 45 more days. A copy of your information is a machine-readable file, and a deletion covers everything the table above lists, in every part of the site. When signed in you can also download everything we hold about you at any time, and ask us to delete your account. We then erase what we may erase and remove your name from what the law requires us to keep, such as bills.

## Children

This site is meant for adults. When you sign up we ask you to confirm that you are 18 or older. If we learn that an account belongs to a child under 13, our privacy office closes it and deletes its information.

## How long we keep information

Detailed browsing statistics are deleted after 30 days, keeping only totals, and the daily value used to count visitors is destroyed after two days. Social Security numbers and dates of birth are erased 90 days after the credit decision, and carts never ordered after 30 days. The conversation that follows a Contact Us message is deleted a year after it is closed, event registrations 90 days after the event, job applications 12 months after their last step and tell-a-friend fingerprints after 180 days. Contact Us messages, the log of staff readings of sensitive details and the directory-assistance search log are deleted after two years. Email contents are deleted 90 days after sending. Records of your consent choices are kept for at least a year after you change them. The table above gives the rule for each kind of information.

## Changes to this policy

Each version of this policy has a number and a date, and earlier versions stay readable on this page. If a new version changes how we use personal information, we email every account holder a summary of the change with a one-click way to refuse the new use, and we keep a record of who was told.

## Contact

Questions about privacy can be sent through [Contact us](/contact/) (choose "Privacy question").
"""


def publish(apps, schema_editor):
    PolicyVersion = apps.get_model("privacy", "PolicyVersion")
    now = timezone.now()
    PolicyVersion.objects.get_or_create(
        version=VERSION,
        defaults={
            "effective_date": timezone.localdate(),
            "title": "Internet Privacy Policy",
            "body": BODY,
            "summary_of_changes": SUMMARY,
            "changes_personal_data_use": False,
            "published_at": now,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", '0009_consent_source_third_party_list')]

    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
