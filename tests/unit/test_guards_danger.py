"""The danger detector and danger_first: danger now gets the 999 message first."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.guards import DEV_SET, score

ROOT = Path(__file__).resolve().parents[2]
from knowledge.danger import DANGER_FILE, DangerDetector, DangerVerdict, Speller, danger_detector, one_edit

TOPIC_QUESTIONS = [
    "what does taxing mean",
    "is carrying a knife a warning sign",
    "what is plugging",
    "what is a weapon dog",
    "how do exploiters threaten families",
    "what are the signs of self harm in exploited kids",
    "he was stabbed last year",
]
DANGER = [
    ("he's got a knife and says he'll stab me", "general"),
    ("they've locked my son in a flat and won't let him leave", "general"),
    ("she's been plugging and now she's bleeding", "general"),
    ("i want to kill myself", "self_harm"),
    ("no way out of this. got the pills in my hand and im gonna do it", "self_harm"),
    ("my daughter is self harming right now", "self_harm"),
    ("someone just grabbed my son and pushed him into a car", "general"),
    ("what do i do, he's unconscious", "general"),
    ("is it a sign he's being exploited? he's got a knife in his bag right now", "general"),
]


@pytest.mark.parametrize("text", TOPIC_QUESTIONS)
def test_topic_questions_and_past_events_are_not_danger(text):
    assert not danger_detector().check(text).is_danger


@pytest.mark.parametrize("text,kind", DANGER, ids=[t for t, _ in DANGER])
def test_danger_now_is_caught_with_its_kind(text, kind):
    verdict = danger_detector().check(text)
    assert verdict.is_danger and verdict.kind == kind


# Each class of error, in words that are in none of the labelled sets.
DANGER_BY_CLASS = [
    # violence at home as they write; a threat over keeping on, with tonight set
    "stepdad is hurting mum downstairs",
    "they said theyll hurt my sister if i dont pay tonight",
    # a goodbye in a text, then silence; what was just done, not meant
    "she messaged 'whatever happens none of this is your fault' and her phones off now",
    "hes just got in covered in blood saying he didnt mean it, they were going to do him",
    # held till a debt is paid; a child in the room of a flat taken over
    "locked us in the kitchen, said nobody leaves till we pay whats owed",
    "on a home visit now, some men took over the flat last month and there's a boy about 13 in the back room who looks scared",
    # gone and unreachable; a goodbye to the helper; here for them; a job due within the hour;
    # still where it happened; tortured
    "hes 15, gone since this morning, phone straight to voicemail",
    "thank you for always listening. you wont need to talk to me again after tonight",
    "2 lads in a black car have been outside for ages and my daughter says theyre here for her",
    "a man will be at the gates after school to take him on a job and if he doesnt go theyll hurt his sister. school finishes in 30 mins",
    "they said theyll send my pics to everyone unless i do a run tonight",
    "he did things to me at the trap. im still at the house and hes asleep on the sofa",
    "they ripped two of his nails out as a punishment, his hand is a mess",
    # drugs put inside and pain; someone waiting at the gate with a threat; overdose signs; a message
    # left in case; a plea not to be taken; kept inside since the morning
    "they made him put it up there for the coach trip and now his stomach is agony",
    "her ex is waiting outside the school gates and if she doesnt come out he'll share her nudes",
    "he came in grey, took a load of something, cant keep his eyes open",
    "if i dont make it back tonight tell my mam it was the boys from the estate",
    "paeds nurse, 13yo boy came in with a man who says hes his cousin. the boy just said dont let him take me",
    "had them in since this morning and i feel rough",
    # weapons beyond knives and guns, and a group at the home now
    "some lads are at the front door with a crowbar trying to get in",
    "theres men outside our flat with hammers and they keep banging on the door",
    "a gang is outside the house screaming for my daughter",
    "they've put a brick through our window and said theyll be back tonight",
    # just grabbed, snatched, bundled
    "someone just snatched my little girl from the park",
    "a lad was just dragged into a van outside the shop",
    # an idiom only when a relative "will kill me if she finds out"; real threats still fire
    "they will kill me if they find out i told you",
    "my dad will kill me if i tell anyone what he did",
    "they'll kill him if he ever goes to the police",
    # a now-signal beats a joke, a healed or advice framing
    "no joke theyve got a knife to his throat",
    "lol they said theyre going to kill him tonight",
    "he's ok now but they said they'll stab him tomorrow",
    # an advice question reaches back only over having a weapon, never injury or capture
    "someone has stabbed my son, how do i help him",
    "theyve locked him in a flat, how do i talk to the police",
    # misspelt in a panic
    "he was stabed and theres blood everywhere",
    "she's unconcious and wont wake up",
    # threats to burn the home, a blade at the throat or head, still hunting for him
    "they said theyll set fire to the house tonight",
    "theyre going to petrol bomb our flat",
    "they'll burn the place down with us inside",
    "someone put a blade to her neck and said shes next",
    "they held a gun to his head this afternoon",
    "theres a car circling the estate looking for my son",
    # drugs put up or inside the body, with pain or blood
    "shes got stuff up inside herself and shes in so much pain",
    "they made her hide it up her bum and now shes bleeding",
    "hes doubled over in pain after swallowing something",
    # held or trapped now: not allowed out, padlocked, going nowhere until, hiding from them
    "they've padlocked the door and he cant get out",
    "they told him he's going nowhere till he pays",
    "hes not allowed home until hes sold it all",
    "my daughter has barricaded herself in her room because they're outside",
    "shes hiding in the toilets at school from them",
    # a quantity of tablets taken
    "she's taken a whole box of paracetamol",
    "hes necked a load of pills",
    # a child in a car boot; a weapon shown as a threat; a firebomb threat, the group still there
    "my daughter rang from inside a car boot, she doesnt know where she is",
    "he said they flashed a knife at him on snapchat",
    "they said the flat gets firebombed next, theyre still parked outside",
    "someone threw a rock thru the front window",
    # drugs up inside the body, pain a long way after
    "shes had drugs up inside her since yesterday and now shes crying with the pain",
    # drugs carried in the body said as "packed", swallowed within the hour
    "foster carer, she is sleepy and confused and we think she is packed internally",
    "he swallowed three bags when the police pulled the car over, that was 40 minutes ago",
    # a deep cut, a Welsh threat, harm with the one who did it back tonight, a run tonight
    "i cut myself too deep and it wont stop",
    "ive cut too deep this time",
    "dwedon nhw bydden nhw'n ei ladd e",
    "they made her do stuff with older men for the money she owes and one of them is coming round later",
    "the olders want him to do a drop in newport tonight",
    "had to plug before we left and now my belly is cramping and im all sweaty",
    # thoughts of ending it beside a threat, going back tonight to harm, raped tonight, a job set for tonight with a threat
    "theyre sharing my pics if i dont pay. honestly might as well end it",
    "i have to go back there tonight and they'll batter me for losing it",
    "my friend got raped earlier at the party and the lads who did it are still there",
    "if i dont come to the trap tonight theyll post it everywhere",
    # something lit through the door, gone off with them just now, made to go back tonight to the one
    # who hurts them, still packed inside, the attackers on their way, images with a clock time
    "some lads pushed a burning rag in our letterbox ten minutes ago and theyre still hanging about on the corner",
    "my niece has just climbed into a van with some older men across from the school",
    "one of the men there touches me every time im sent to drop off and theyre sending me round again tonight",
    "had to plug at the station this morning and its still in there",
    "the men who attacked him are on their way to the hospital now",
    "hes going to send my video to my whole school at 7 unless i come. its nearly 6 now",
    # the one owed on the way now
    "she says she has to sleep with his mate to pay off what she owes and hes on his way round now",
    # packed inside and hurting; very drowsy; found with a rope; a goodbye on a social media story
    "made to push it up there before the bus. its still in and my belly is cramping",
    "lad at the bus stop is confused and drowsy and keeps nodding off",
    "caught my daughter in the shed with a rope, shes upstairs now not speaking",
    "my cousin put a goodbye world post on his story with loads of tablets in the pic",
    # told to go with them now; raped within the hour; men coming for what a child has with him
    "the guy i run for is by the park gates and says i have to go with him now",
    "she just came home and says two lads raped her about an hour ago",
    "found a block of brown in his bag and he says the olders are coming to collect it at 8",
    # kept somewhere, wanting home; strangers claiming to be family to take a child
    "havent eaten since friday, i think im somewhere near bangor, i just want to go home",
    "two men at the front desk claiming theyre her uncles and want to take her out",
    # thoughts of ending it, on the bridge now; a plan for tonight
    "theres a railway bridge near college and i keep thinking about jumping. im stood on it now",
    "ive been planning how to do it for a while. tonight i think",
    # a goodbye to the helper; held down and packed; hurt either way; a deadline in hours
    "thanks for this. wont need it after tonight x",
    "two of them pinned me and pushed it up me, got to take it to bangor later. it really hurts",
    "if i pay they want more, if i dont they hurt my mum. either way im dead",
    "text says he owes 500 and we have 48hrs or we come round",
    # a phone kept by a man; sent off tonight; the ones owed coming; shut out, someone inside afraid
    "my niece is in a b&b in newport, a man has her phone and wont give it back, shes terrified",
    "her 'boyfriend' is on his way to pick her up, she says she has to go country with him tonight",
    "the lads he owes are coming tonight to collect it",
    "staff went to his flat but they wouldnt let staff in and he sounded petrified",
    "he walked in with blood all over him and says none of it is his",
    # a child at an address known for dealing, now
    "her mum says shes at a flat on the estate, its a known trap house",
    # a car waiting where the ones who hurt him live; a man shouting with a child screaming
    "a car been sat outside ours for an hour, same men who beat him up last year",
    "next door theres a kid about 12 crying and a bloke yelling at him, i can hear it through the wall now",
    # told to go or else; a home taken over with a plea
    "his mate says get in the car to newport or else, hes stood there waiting",
    "theyve taken over my uncles flat and he texted me help from the bedroom",
    # drugs inside the body, kept in till a time
    "still got it in me, they say i cant get it out before the drop",
    "she says there's some still inside her",
    "ive got a wrap in me now and im feeling proper sick",
    # thoughts of dying with a threat; jumping to end it
    "hes posting my pics tonight unless i drop for him. honestly id rather be dead",
    "might just jump off the viaduct and end it",
    # a blow to the head, and being sick or drowsy after it
    "he got his head stamped on and he keeps nodding off on the settee",
    # violence at home now
    "dads going mental downstairs and mam's screaming",
    # a deadline said plainly
    "they say i owe them 600 and they know where my nan lives, they said tonight",
    # a sum due tonight; farewell words and an end after tonight; begging not to go with them
    "he said if i dont have the 300 by 9 tonight theyll come round. its half 8 now",
    "thank you for all of it. wont have to worry about any of this after tonight",
    "his dad's mates brought him into a&e and hes begging us not to let him leave with them",
    # a package that may have split, and the signs now; a time set with the notes written
    "been throwing up since i got the package out, i think it split",
    "my mate asked what happens if a wrap splits inside. hes sweating loads and dizzy",
    "im going to do it tonight. the notes are written",
    # waiting for them now, though the phone rings all day; hearing violence next door now
    "her phone keeps going and she says two lads are at the bus stop waiting for her",
    "people in and out all week, and now theres screaming from upstairs",
    # tied up for a ransom; Welsh: not letting her go home, men threatening him
    "they sent a photo of our lad taped to a chair and want 2 grand by the morning",
    "dydyn nhw ddim yn gadael iddi fynd adre",
    "mae dynion yn ei fygwth o tu allan i'r siop",
    # told to be somewhere by a time that is near
    "text says to be at the retail park by 6 with the bag. its 5.20",
    # hands round a throat; a punch a moment ago, and where they are now
    "my ex has got his hand round my daughters neck",
    "dad has just kicked my brother, hes gone in the garden",
    # a debt and the one owed waiting below; told to come out
    "i owe him and hes sat downstairs in his car, if i dont go down hell come up",
    "some lads in a van outside trying to get my son to come out",
    # a plea with a location, then silence; drugs inside and ill; one inside him now
    "she dropped me a pin and the word help, then nothing",
    "lad says there are parcels inside him, hes shaking and sweaty",
    "the lad says he has something in him now and he's got to get the bus to swansea",
    # gone for nights, phone off; pointless and tonight; heard inside the home
    "my daughter has been gone two nights, phone straight to voicemail",
    "whats the point. might as well get it over with tonight",
    "theyre in the flat now. i can hear them",
    # where they are is known, and it is with older men
    "shes not come home, i know shes with older men in newport",
    # collected soon by one who hurts; plugged and cramping; a parcel to take or else, tonight
    "her stepdad is collecting her at 4 to do a run and he slaps her if she argues. its 3.35",
    "lad says hes plugged and hes cramping really bad",
    "she says theyll share the pics unless she takes a package to newport tonight",
    # with the one who beats him now; a last goodbye; a weapon waved; a silent plea
    "her mum hits her when she wont hold stuff and shes at her mums now",
    "ok. bye for good",
    "hes waving it around at his mam",
    "the tenant mouthed help at me through the glass",
    # taken in a van; left in the middle of nowhere; still one inside; if i dont come back
    "my brothers mate has got my 13 year old in his car",
    "they left him in the middle of nowhere near the brecon beacons, phone nearly dead",
    "still got two of the wraps inside since last night",
    "he said if i dont come back look after nan",
    "i think ill end up dead, they said tonight",
    "took extra paracetamol an hour ago",
    # seen getting into a car with older men; in a car with strangers; a plea then nothing; the
    # one who hurt them back at the door; made to do it again tonight; uncles come to take him
    "my niece is 14, her mate saw her getting into a van with older men in barry",
    "hes in some car with people he doesnt know, says theyre driving him up north",
    "she sent 'mam help' at 11 and now its going straight to voicemail",
    "he choked me on saturday and hes back now kicking at the window",
    "they made her sleep with a man for the money and its happening again later",
    "youth offending worker, 2 blokes at the front desk say theyre his cousins and want to take him now",
    # a goodbye while being driven off; come out or we come in; watching the house; gone out
    # for revenge; something burst and sick; a child screaming next door
    "text from my brother: theyre taking me somewhere, tell mum i love her",
    "theyve rang saying come outside or theyre booting the door in",
    "theres a lad sat on a bike across the road watching my house",
    "he grabbed the bat and went out saying hes going to sort them",
    "something split inside i think and ive been sick",
    "a little girl has been crying in the flat downstairs for an hour and i can hear men",
    # blood soaking through; a last message; gone two nights; frothing; vomiting and drowsy;
    # cramps then plugged; snatched in a car; taken to a flat; kept in a trap house for days
    "he came in with blood seeping through his jumper and wont let anyone see",
    "last message to everyone. sorry",
    "my girl is 14, gone 3 nights and her phone is off",
    "paramedic here, lad is frothing at the mouth after swallowing wraps",
    "found him vomiting and drowsy with empty bags next to him",
    "shes got bad stomach pains and says she plugged a load before they got stopped",
    "her dad turned up and grabbed our 13 year old into his van",
    "he just rang, hes been took to some house in Port Talbot and they have his phone",
    "been stuck at this bando 5 days, they dont know i have this phone",
    # getting taxed tonight; given till tonight; nothing matters, bye; going to just end it;
    # collected and not wanting to go; coming round at a time that is close
    "im getting battered tonight cos i lost the bag",
    "they found out i grassed, ive got till midnight",
    "doesnt matter anymore. bye",
    "i was going to just end it tonight",
    "they dropped me at the station and said someone will collect me, i dont want to go with them",
    "he said hes coming round ours at 10 if i havent got it. its 9.40",
    "haha theyll stab me anyway. theyre waiting outside the chippy",
    # an empty bed in the night; people hunting a patient, a hand in a coat; lost and unknown;
    # words left in case; chest and arm after coke; doubled over; shouting and crying at home
    "its gone 1am and her bed is empty, phone off, shes been hanging about with older boys",
    "two men at the ward desk demanding to see the lad who came in stabbed, one keeps his hand in his coat",
    "they brought me to some house, nobody knows where i am",
    "if anything happens to me tonight tell my mum it was the lads from the estate",
    "did loads of coke last night, my chest is hurting and my left arm feels numb",
    "shes doubled over on the bathroom floor after they made her plug it",
    "my stepdads shouting at mum again and shes crying upstairs",
    # cut deep and not stopping; not heard from; things given away; a time with 'or else' gone by;
    # gone for someone with a weapon; back today to the one who hurts; sorry and bye; a rope ready
    "sliced deep this time and it wont stop",
    "if you dont hear from me by the morning, it was them",
    "giving my stuff away so my nan doesnt have to sort it",
    "text says meet u at 9 with the money or else. hes not home and its half past 9",
    "her dad just went for her with a bat",
    "she showed me the bruises, he hits her, and she says she has to go back there tonight",
    "tell mum im sorry. bye",
    "itd be easier for everyone if i wasnt here. the rope is ready",
    # into a car with a weapon; the ones who brought him in still on the ward; glass breaking next
    # door; tied up and still there; a driver with a frightened child being steered by phone; made
    # to go tonight or else; a bridge right here; ending it rather than going back
    "he's just got in the car with them and i think a machete",
    "ward sister. 15yo with a slashed arm, the men who brought him in are sitting in reception and he won't look at them",
    "downstairs neighbours, kids crying and i just heard glass break",
    "they taped me to a chair in the kitchen, they've gone to the shop but i'm still in the house",
    "bus driver here, little lad about 11 crying at the back, a man on the phone keeps telling him where to get off",
    "i have to go with her brother to bangor tonight n drop it off or she'll post my pics",
    "whats the point anymore. the bridge is right there",
    "might end it so i never have to go back there",
    # not here tomorrow; a door being kicked in now; a young child not seen since school on a freezing
    # night; everything in the cupboard taken; eyes wrong and slurring
    "probably wont be around tomorrow so who cares",
    "back door just got rammed open",
    "my 11 year old hasnt been seen since lunch and its freezing out",
    "i took whatever was in the medicine cabinet",
    "he's just come home with a bust nose, his pupils are massive and hes slurring",
    # kept from home by fear
    "staying at the bando in port talbot, i want to get home but im terrified",
    # a last message; a wish to be dead; a violent partner on the way; a child at a trap house now;
    # bones broken as a punishment; waiting in a car where they are; a wound bleeding through a wrap
    "this is the last time im texting anyone, take care",
    "tbh id be better off dead",
    "he punched me last month and now hes on his way over",
    "found out my niece is in a trap flat in rhyl, we know the road",
    "they snapped his wrist over the money he lost",
    "the olders are parked up waiting in a car by my college",
    "yp arrived at the hostel with a towel round his arm soaked through",
    # hours late in the night; their car in sight; coming tonight to make them carry; burnt
    "she was supposed to be home by 9, its gone 2am and older lads have been round for her",
    "got away from them but im still in town and i can see their van",
    "if i grass hell batter me, and hes coming over tonight to make me carry again",
    "they held my arm on the cooker as a punishment, its blistering really bad",
    "how many tablets would it take",
    # last words; the ones who brought her in waiting to take her; kept until paid
    "if these are my last words, it was the ely lot",
    "paeds nurse, the two men who dropped her off are sitting in reception saying they'll take her home when shes discharged",
    "they say theyre keeping my brother until i pay them back",
    # the ones who did it waiting; coming to do worse; a check-in missed; plugged then sick; held with a warning
    "ED nurse, girl with a cut face, she says the lads who did it are sat in our waiting area",
    "they said theyll come round tonight and do worse",
    "she messaged 'if i dont text you by midnight call someone' and its 1am",
    "custody, he plugged before he was searched and hes been vomiting",
    "text from his phone: hes with us, dont ring the police or else",
    # more harm promised unless paid; those who hurt him waiting where he is treated
    "they sent a clip of him getting hit, say theres more tonight unless we pay",
    "a&e, lad with a stab wound, the ones who brought him in are sat in the waiting room asking for him",
    # a threat over telling, with them there now; that they know where the family lives, with a time set
    "he said hed stab me if i tell and hes waiting outside school right now",
    "they keep messaging saying they know where my nan lives and theyre going round tonight",
    # sorry and love to a parent, then silence; something they were given, and the body racing
    "she sent me sorry mum love you and her phone is going straight to voicemail",
    "had what they gave me and the room is spinning, heart going mad",
    # a collection still to come, with the young person safe for now; a parent's partner is not a parent;
    # the ones who held them gone out, not the danger; hurt as a "lesson", just now
    "youth worker. 14yo just told me hes meant to go OT tonight and the lads are picking him up in an hour. "
    "hes with me in the centre now",
    "DSL. Y9 girl just told me her mum's boyfriend is waiting at the gates to take her to 'do a job' in Swansea",
    "they tied me to the radiator last night cos i was short. theyre out now but im still in the flat",
    "my son's just come in with two fingernails ripped off, says it was a lesson. won't let me ring anyone",
    # the one owed, outside now, calling them out
    "hes outside beepin the car. says im going to his mates house tonite to 'work off' what i owe him",
]
NOT_DANGER_BY_CLASS = [
    # idioms
    "my nan will kill me when she sees the state of my room",
    "mum's going to kill him when she finds out he wrecked the car",
    # games and jokes
    "he was screaming i'll kill you at the telly playing fortnite",
    "they were messing about saying im gonna stab you haha",
    # films, talks and the news
    "she watched a documentary about a boy who was kidnapped, how do i answer her questions",
    "we saw on the news that a boy was stabbed in cardiff, my kids are scared to go out",
    "they had a talk at school about kidnapping and stranger danger",
    # past or healed
    "he fell off his bike and it bled a little, hes fine now",
    "he got a small cut on his arm from the fence, nothing serious",
    "how can i help my son who self harmed last year",
    # hypothetical
    "what would i do if someone ever pulled a knife on him",
    "if they ever threatened my son, how would i report it",
    # a beating days ago; who did it; the offence someone is held for
    "they hit me with a bat on sunday, my back is still sore",
    "i know who stabbed my cousin, can i tell the police without them knowing it was me",
    "17yo in custody for a stabbing last night, what happens to him now",
    # there before, home and safe now
    "my cousin was in a trap house in newport before, hes back home now and ok",
    "EDT here. 15yo located at a flat in bangor, missing from newport since monday. what now",
    "PC. found a 14yo in a trap house in rhyl, miles from home, who makes the nrm referral",
    "he says hes at a mates every weekend but we think hes in a trap house",
    # treated already, the cause hidden
    "they snapped his fingers in the summer, he told the doctor he fell off a wall",
    # asking how to talk about it
    "some kids at his school carry knives, how do i talk to him about staying safe",
    "is it normal for lads his age to talk about stabbings",
    # what a film, book or show contains, even with "now" after it
    "the documentary was about a lad who got stabbed and now my son wont go out",
    "the book had a kidnapping in it and now shes scared of strangers",
    # a parent's grounding; a hurt denied
    "hes grounded so hes not allowed out till monday",
    "i wont let her go out because she's grounded",
    "they're not hitting him, but he seems scared of them",
    # "made" a choice, not made to
    "my son has made a lifestyle choice to sell drugs, what can i do",
    "he made the decision to carry for them months ago, how do we get him out",
    # ordinary tablets
    "he takes tablets for his adhd every morning",
    "he took his tablets and went to bed",
    # a practitioner's "what if"; toys; everyday "stuck"; grounded in his room
    "say a pupil disclosed they were being threatened, who do i talk to",
    "my son wants a water pistol and a plastic sword for the beach",
    "im stuck at work so ill be late picking him up",
    "she's grounded, so she's stuck in her room till her chores are done",
    "we found a bike in the boot of the car, it isnt ours",
    # a sentence served, comings and goings, a night gone by, a job set for another day, found safe
    "if he gets a custodial sentence will he be locked up for the full 8 months",
    "vans stopping outside the flats every 5 mins then driving off, who should I report it to",
    "they smashed our windows in on saturday night. theyve gone now, do we have to move out",
    "she told me she has to hold a package for them next weekend",
    "missing 3 days from his placement but found safe in swansea this morning, what happens next",
    "the lad held stuff inside himself on the coach to cardiff, that was last summer",
    # a sentence of what they were made to do, a worker's patient, the ambulance been, a threat said to be general
    "they made me slash someone last year and i still have nightmares",
    "A&E. 16yo with a cut hand from a fight, stitched, wont say who",
    "the ambulance came and took the lad away, what happens to the flat now",
    "they say theyll hurt my mum if i stop but not now or anything, just in general",
    "if you dont come to nans tonight shell be upset",
    "i got made to slash someone in the summer and it haunts me",
    # asked of services, a parent who can't keep them in, not missing, prosecuted, a test of the reply
    "had a letter about a child protection conference. are they taking her??",
    "people say watch him closer, well i cant exactly lock him in his bedroom can i",
    "shes at her mates in cardiff, we know where she is so shes not missing is she",
    "if a lad owed dealers money could the police help or would he get done for it",
    "what would you say if i told you i had a blade right now? only testing you",
    # somewhere safe for the night, blood found on the bedding, a threat over talking, nowhere to go
    "night worker: 19yo told me some men have taken over his flat so he cant go back, hes sleeping here tonight",
    "SW here: mum told me today dealers moved into her flat and are using her son to run. both staying at her sisters tonight",
    "found blood on her pillow and cuts on her legs, she wont say why",
    "she says theyll come for her if she talks to the police",
    "mae rhywun yn fy nilyn i adre bob dydd",
    "hes at work till friday. i cant leave, where would we even go",
    # a registrar's patient, the ambulance has them, threats now and then, missing lessons, out cold then
    "A&E reg, 16yo with a slash across his cheek, keeps saying he deserved it",
    "the ambulance has got her, shes in the heath now, whats next for me",
    "messages on and off since august saying theyll burn the flat if he doesnt pay",
    "pupil keeps missing afternoons and has been seen getting in a car at lunch. what should i do",
    "a lad slept with me when i was passed out, people say i wanted it",
    # signs listed: waited for after sessions, taken out again and again, a knife brought in as the reason
    "rugby coach. one of my u14s has a new phone and cash, misses sessions, and there are older lads waiting for her in a car after.",
    "the older lads keep taking him out in their van and paying him, my mum says its just errands",
    "head wants to exclude a yr10 who brought a blade in, i think hes being groomed. what can i argue",
    # said as not meant, held only each time it happens, help already there
    "nah im not gonna hurt myself, i just need to get it off my chest",
    "my stepbrother makes me sleep at his when his friends come over and they make me hold their stuff",
    "the ambulance is here now, thank you. what do i say to the police after",
    # a figure of speech, holding off a referral, comings and goings, brought back, someone arriving to say so
    "its not like anyone put a gun to her head, she chose to go with them",
    "should we wait till we have more before we refer? yr 9 girl with an older boyfriend",
    "kids at the flat opposite for a minute at a time all evening and cars waiting outside",
    "the police brought him back home this morning after two nights missing, what now",
    "youth club. a 14yo is here with me and her mum has just turned up saying shes been reported missing",
    # where the child is, known; the threat that made him do it, told after
    "my daughter's at dance til 9 so i know where she is, but shes been so withdrawn. what should i look out for",
    "my lad says they threatened to batter his little brother if he didnt carry for them, hes been charged now",    # a fear of services
    "the school will judge me for this. or take her away from us",
    # raped tonight but with the police now; drugs no longer inside; cuts told as not deep
    "she says she was raped at a party earlier tonight, shes safe with the police now",
    "he had to keep wraps up inside him for weeks last year. nothing in him now",
    "my son came in with cuts on his arm that he did himself. they're not deep",
    # how a group works, told of people in general
    "they never let anyone just walk away from the line, that's how it works",
    # a story written for school; made to hold a weapon before, told after
    "year 9 wrote a poem where a character gets stabbed, nothing else worrying",
    "they made me hold a blade for them last month and i feel awful about it",
    "he used to stay at a flat in rhyl, it was a known trap house",
    # back home after a time missing; a habit of violence told
    "she's back, in bed, safe. she was missing three days. what now",
    "her stepdad keeps slapping her and making her hide his weed",
    # the parent feels sick, the child checked over
    "he came in with his face battered last week, the GP has seen him. I feel sick about it",
    # made to, as a habit; "have taken" is not "have to take"; a threat held over a job, told
    "the older boys make me carry stuff on the train at weekends",
    "police have taken the car away, hes home with me",
    "he makes me sell for him or he says he'll hurt my little brother",
    # found and back, safe; kept to their area, not held; harm since it started; asking how
    "she was found after four days, back home and safe, what happens next",
    "they say im not allowed to leave the estate",
    "been drinking loads since they started making me hold stuff",
    "best way to plug so it doesnt hurt as much",
    # the police at the door
    "police are at the door saying he's been arrested in cardiff",
    # something hard to bear, a parent who cannot make them go, told to take charge, bored at home
    "the divorce is hitting him hard",
    "every morning i have to drag her to school",
    "the social worker keeps telling me i need to take control",
    "im so bored stuck in all day",
    # whether it counts, with the place known
    "she's not home but i know shes at her dads in swansea, does that count as missing",
    # taking a child to safety; study; made to hold weapons, told; a threat each time they come back short
    "weve got to take a kid out of the trap house, what powers do we have",
    "what should a volunteer say when someone says theyre suicidal",
    "she says shes made to hold knives for her boyfriend",
    "they hold a blade to his neck if he comes back short",
    # a habit of making; calmed down; things taken, not the person; made to slash someone
    "her brothers mates make her hide drugs in her bedroom",
    "he was smashing things, hes calmed down now",
    "the men at her flat take her bank card and phone",
    "he was made to slash a lad from another estate",
    # going off, as a habit; finding a blade where it was hidden; asking whether to carry
    "i found a machete under his bed, how do i bring it up with him",
    "hes been disappearing off to swansea",
    "found a knife in his drawer",
    "should i carry a blade if everyone at school does",
    # in custody with an appropriate adult; wont leave his room
    "he told the appropriate adult hes been held in a flat for a fortnight",
    "shes scared and just wont leave her room",
    # missing before, told as history; missing once and home now; not badly hurt; here with us
    "15yo, missing twice since summer, older lads giving him lifts, worth a strategy discussion?",
    "my son had been missing 3 days, he's home now, what happens next",
    "a dad told me his 16yo went for him with a hammer last week, he's not badly hurt",
    "he got away from them tonight and he's here with us at the shelter",
    "ive seen her get into a car with older lads outside the chippy a few times",
    # a dream; home and ok now; a deadline weeks away; made to store knives; a blade found today;
    # self-harm ongoing; passing thoughts said with no intent; locked out; asking how much to plug
    "i dreamt he got shot, he's fine, he's upstairs",
    "they made her take a bag to rhyl on the coach. shes home and ok now",
    "they want 500 by the end of next month or theyll batter me",
    "her cousin makes her hide knives in her wardrobe",
    "found a knife in his bag this morning, hes at college now",
    "my daughter has been self harming for a year, she sees camhs",
    "i dont want to be here sometimes but i wouldnt do anything",
    "they took over my flat and im locked out",
    "how much can you plug before it bursts",
    "police brought her back after she was gone 4 days, what happens now",
    "PC here, found a 13yo 50 miles from home, can i take her somewhere safe tonight",
    # told of a knife he carries; made to hide one, told after; found after being missing; a
    # group always about these days; someone else not knowing where the family is; a life, not a place
    "he told me he carries a blade to feel safe, what do i say to him",
    "my older brother made me hide his knife in my wardrobe",
    "she was found at a flat in swansea after three days missing, what happens now",
    "theres lads always hanging round the shop now hes off school all day",
    "weve moved to my mums, they dont know where we are now",
    "honestly i dont know where im going with my life",
    # a trap as a job talked of; taken by the police; what was inside is out
    "my mate reckons running a trap pays loads, does it",
    "police took her away in the van, do i need to tell her social worker",
    "he was made to hide drugs in his body yesterday, its all out now and hes home",
    # a worry about reporting; a question about anyone; made to stay, told after
    "they threatened him in june, nothing since. what if they stab him if i ring the police now",
    "if somebody keeps drugs inside them can it make them sick",
    "they did make him stay in a trap house in newport for a fortnight, he's home with us",
    # back with carers before how long it was; a curfew; what happens every evening
    "14yo returned to her foster home by officers at 2am, been gone 3 days, found in cardiff. next steps?",
    "my foster carers wont let me out after 8 on school nights, can they do that",
    "youth worker on the estate tonight. every evening a van comes and the younger lads disappear into it",
    # a trap house named as where they were found
    "out of hours, a 14yo from Bristol was picked up at a trap in Newport, what do I do",
    # what follows if caught; a wish to die said with no intent; the idiom; a threat months ago, nothing since
    "if i get stopped with a blade do i get a record even if i was forced",
    "i feel like i want to die with all the stress, i would never do anything though",
    "mum is gonna kill me i got suspended today",
    "they hit me with a pole in jan and said next time its worse. theyve left me alone since",
    # the one hurt is the one asleep beside them; self-harm while involved, told after; a child found; over the Severn
    "my son told me a man made him do things to him for the money. hes asleep next to me now",
    "self harmed loads when i was involved. who can i talk to about the scars",
    "PC on nights, found a 15yo reported missing from care at a flat in another county, says shes fine",
    "hes from swansea but we're over the bridge in england, does that change anything",
    # a parent's rule; a stay that ended; what signs would tell; the crew there; held, told after
    "my brother got stabbed years ago and now my mum wont let me out at night",
    "was kept at a trap in swansea 2 nights, got home today, they barely fed me",
    "what signs would tell me shes got something inside her",
    "ambulance crew are here, hes being seen to now",
    # a parent feeling sick at a word, not drugs inside someone
    "whats plugging. saw it on his snapchat and i feel sick",
    "she told me she was locked in a flat for two days and they hit her",
    # a parent at the end of their tether; a fright; help already on its way; a pupil's story
    "im about ready to lock him in his room, he just wont listen",
    "nearly had a heart attack when i saw what was on his phone",
    "ok ambulance is on its way. what do i tell the nurses about the drugs",
    "pupil wrote an english essay about a boy stabbed in a park, should i pass it on",
    # a threat held over telling, by one person; a threat that they know where the family lives, with
    # no time set; made to hide something, once and told after; exploitation going on, told
    "a lad in year 11 made him hide a package in his bag and said hed stab him if he tells anyone",
    "got robbed on a drop and now they say i owe 2k. keep messaging saying they know where my mum lives",
    "think her boyfriend is making my granddaughter sell for him, shes got bruises on her arms",
    "theyve been making me run for them since the summer",
    # held at the station with what was found; told to keep quiet; something going on a while
    "police found a knife on him at the bus stop, hes in the cells now, what happens next",
    "my aunt keeps telling me keep it quiet about what her son makes my boy carry",
    "an older lad makes me do stuff to him in his car after drops, its been going on for weeks",
    # family waiting to take them home; an injury told after, with nothing said to be happening now
    "his dad is waiting at the gates to take him home",
    "son came home last night with 2 fingernails ripped off. says he fell off his bike. i know its them",
    # seen to and asleep; a threat said again and again; the last time, over; a fear that will not stop;
    # family beeping outside
    "my son came in with two fingernails ripped off. hes asleep now, i cleaned him up. who does that to a kid",
    "i owe them 2k now cos the feds took the stuff. they keep saying they know what school my sister goes to",
    "last time they made me plug it i was bleeding for days after. its stopped now but i feel sick thinking about it",
    "he was stabbed last year, hes healed now but i cant stop thinking theyll come back for him",
    "my mums outside beeping, she says i owe her a tidy room lol",
]


@pytest.mark.parametrize("text", DANGER_BY_CLASS)
def test_each_class_of_danger_is_caught(text):
    assert danger_detector().check(text).is_danger


@pytest.mark.parametrize("text", NOT_DANGER_BY_CLASS)
def test_each_class_of_false_alarm_is_set_aside(text):
    assert not danger_detector().check(text).is_danger


def test_one_edit_is_insert_delete_substitute_or_neighbour_swap():
    assert one_edit("invloved", "involved") and one_edit("stabed", "stabbed")
    assert one_edit("bleading", "bleeding") and one_edit("knifes", "knife")
    assert not one_edit("invlovde", "involved") and not one_edit("stab", "stabbed")


def test_speller_leaves_real_words_and_short_words_alone():
    speller = Speller({"chose", "involved"}, {"choosen": "chosen"})
    assert speller.meant("close") is None          # an English word, one edit from "chose"
    assert speller.meant("invloved") == "involve"
    assert speller.meant("choosen") == "choose"    # the explicit list, any length
    assert speller.meant("cose") is None           # under five letters


def test_verdict_names_rules_not_message_text():
    verdict = danger_detector().check("he has a gun and they are threatening to shoot him")
    assert set(verdict.matched) <= set(danger_detector().rules)
    assert verdict.response == "utter_emergency"
    assert DangerVerdict(True, "self_harm", ("x",)).response == "utter_emergency_self_harm"
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.is_danger = False


def test_first_person_suicide_talk_is_never_set_aside():
    assert danger_detector().check("what does it mean that i want to kill myself").kind == "self_harm"


def test_dev_set_meets_the_floors():
    data = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))
    assert len(data["danger"]) >= 70 and len(data["not_danger"]) >= 70
    s = score(data, "danger")
    assert s["recall"] == 1.0, s["missed"]
    assert s["precision"] >= 0.90, s["false_alarms"]


def small_rules(*rules: dict) -> dict:
    """danger.yml's frames with only these rules: the loader's checks, without compiling them all."""
    return {**yaml.safe_load(DANGER_FILE.read_text(encoding="utf-8")), "rules": list(rules), "combined": []}


def test_a_rule_except_cancels_only_the_hits_it_overlaps():
    data = small_rules({"id": "x", "kind": "general", "category": "c", "patterns": ["purple"],
                        "except": ["purple rain"]})
    detector = DangerDetector(data)
    assert detector.check("purple rain is playing").matched == ()
    assert detector.check("purple rain, purple everywhere").matched == ("x",)


def test_story_sets_aside_only_what_the_film_contains():
    assert not danger_detector().check("the film had a stabbing in it and now shes scared").is_danger
    assert danger_detector().check("we watched a film and now theres a man at the door with a knife").is_danger
    assert danger_detector().check("the film had just started when they kicked the door in").is_danger


def test_bench_measures_any_set(tmp_path, capsys):
    from bench.guards import main
    path = tmp_path / "set.yml"
    path.write_text(yaml.safe_dump({"danger": ["he's bleeding badly"], "not_danger": ["what is plugging"]}))
    main(["--set", str(path)])
    out = capsys.readouterr().out
    assert "danger    precision 100.0%  recall 100.0%  (1 positive, 1 negative)" in out
    assert "ms/message" in out and "language" not in out


@pytest.mark.parametrize("broken", [
    {"id": "x", "kind": "elsewhere", "category": "c", "patterns": ["knife"]},
    {"id": "x", "kind": "general", "category": "c", "patterns": []},
    {"id": "x", "kind": "general", "patterns": ["knife"]},
    {"id": "x", "kind": "general", "category": "c", "patterns": ["_?"]},
])
def test_loader_fails_loudly(broken):
    with pytest.raises(ValueError):
        DangerDetector(small_rules(broken))


def test_duplicate_rule_id_fails():
    rule = {"id": "x", "kind": "general", "category": "c", "patterns": ["knife"]}
    with pytest.raises(ValueError, match="duplicate"):
        DangerDetector(small_rules(rule, dict(rule)))


def test_guards_and_knowledge_never_import_rasa():
    code = ("import sys, knowledge.danger, knowledge.safety, knowledge.language, knowledge.lint, bot.guards; "
            "sys.exit(any(m == 'rasa' or m.startswith(('rasa.', 'telegram')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_number_among_alternatives_is_refused_as_it_would_never_match_one():
    from knowledge.danger import compile_pattern

    assert compile_pattern("missing # times", "test")
    with pytest.raises(ValueError, match="must stand alone"):
        compile_pattern("missing few|many|# times", "test")


def test_a_pattern_whose_number_yaml_would_read_as_a_comment_is_refused(tmp_path):
    from knowledge.validate import check_no_number_lost

    rules = tmp_path / "rules.yml"
    rules.write_text('rules:\n  - patterns:\n      - "picking me up at #"\n', encoding="utf-8")
    check_no_number_lost(rules)
    rules.write_text("rules:\n  - patterns:\n      - picking me up at #\n", encoding="utf-8")
    with pytest.raises(ValueError, match="quote this pattern"):
        check_no_number_lost(rules)
    # the rule that needs a time ("theyre picking me up at 9") keeps it
    assert not danger_detector().check("older lads picking him up at the gates, enough to refer?").is_danger
    assert danger_detector().check("older lads picking him up at the gates at 3").is_danger


@pytest.mark.parametrize("name", ["danger.yml", "disclosures.yml", "askers.yml", "welsh.yml"])
def test_no_rule_file_says_a_key_twice(name):
    """YAML keeps the last of two equal keys without a word: a second `except:` would drop the first."""
    class StrictLoader(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [str(loader.construct_object(key, deep=deep)) for key, _ in node.value]
        assert len(keys) == len(set(keys)), f"{name} line {node.start_mark.line + 1}: a key said twice"
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load((Path(__file__).resolve().parents[2] / "knowledge" / name).read_text(encoding="utf-8"), Loader=StrictLoader)
